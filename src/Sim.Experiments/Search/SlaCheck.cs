using Sim.Results;

namespace Sim.Experiments.Search;

/// <summary>
/// Judges a probe's summary against an SLA: each predicate compares one metric's mean over the probe's
/// replications (or, judged pessimistically, the end of its 95% confidence interval that is worse for the
/// predicate) with its threshold. A metric the runs could not measure (NaN) breaks its predicate: a load
/// at which nothing was acknowledged is not sustainable.
/// </summary>
public static class SlaCheck
{
    /// <summary>The predicates that do not hold for <paramref name="row"/>, as written, in the SLA's order.</summary>
    public static IReadOnlyList<string> Failed(IReadOnlyList<SlaTerm> sla, SummaryRow row, SlaJudge judge) =>
        sla.Where(t => !Holds(t, row.Metric(t.Metric), judge)).Select(t => t.Text).ToList();

    public static bool Holds(SlaTerm term, MetricSummary? summary, SlaJudge judge)
    {
        if (summary is null || double.IsNaN(summary.Mean)) return false;
        double ci = judge == SlaJudge.Pessimistic && double.IsFinite(summary.Ci95) ? summary.Ci95 : 0;
        double upper = summary.Mean + ci, lower = summary.Mean - ci;
        if (term.Op is not ("<" or "<=" or ">" or ">=" or "==")) throw new ArgumentException($"unknown comparison '{term.Op}'", nameof(term));
        // Judged pessimistically, an upper bound must hold its end of the interval and a lower bound the other end.
        return term.Op switch
        {
            "<" or "<=" => term.HoldsFor(upper),
            ">" or ">=" => term.HoldsFor(lower),
            _ => term.HoldsFor(upper) && term.HoldsFor(lower),
        };
    }

    /// <summary>The comparisons an SLA predicate may use, longest first so <c>&lt;=</c> is read before <c>&lt;</c>.</summary>
    public static readonly IReadOnlyList<string> Ops = ["<=", ">=", "==", "<", ">"];
}
