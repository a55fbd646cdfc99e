using System.Globalization;
using Sim.Results;

namespace Sim.Experiments.Search;

/// <summary>How a probe's replications are judged against the SLA.</summary>
public enum SlaJudge
{
    /// <summary>On the mean over the probe's replications.</summary>
    Mean,

    /// <summary>On the pessimistic end of the mean's 95% confidence interval (mean + half-width for an upper bound, mean - half-width for a lower one).</summary>
    Pessimistic,
}

/// <summary>
/// The values a searched key takes: a number followed by the unit the experiment writes them in (<c>/s</c>
/// in <c>2000/s</c>, <c>MB/s</c>, <c>ms</c>, or none), whole numbers only when <see cref="Integer"/>. Probes
/// are written back in the same unit, so the key's own reader checks them as it checks the file.
/// </summary>
public sealed record SearchScale(string Unit, bool Integer)
{
    public string Format(double x) =>
        (Integer ? Math.Round(x).ToString(CultureInfo.InvariantCulture) : x.ToString("0.######", CultureInfo.InvariantCulture)) + Unit;
}

/// <summary>
/// The <c>search:</c> section, validated: for every sweep point, find the highest value of <see cref="Key"/>
/// in [<see cref="Min"/>, <see cref="Max"/>] at which every <see cref="Sla"/> predicate holds, by bisection
/// to a relative <see cref="Precision"/>, with at most <see cref="MaxProbes"/> probes (each probe is one
/// value run for the experiment's replications). The search assumes the SLA, once broken, stays broken
/// at higher values (a monotone load response).
/// </summary>
public sealed record SearchSpec(string Key, SearchScale Scale, double Min, double Max, double Precision, int MaxProbes, SlaJudge Judge, IReadOnlyList<SlaTerm> Sla)
{
    public SearchDescription Describe() =>
        new(Key, Scale.Unit, Scale.Integer, Min, Max, Precision, MaxProbes, Judge == SlaJudge.Mean ? "mean" : "pessimistic", Sla);

    /// <summary>The search back from its description (what experiment.json keeps, so results can be rebuilt from stored runs).</summary>
    public static SearchSpec Of(SearchDescription d) =>
        new(d.Key, new SearchScale(d.Unit, d.Integer), d.Min, d.Max, d.Precision, d.MaxProbes,
            d.Judge == "mean" ? SlaJudge.Mean : SlaJudge.Pessimistic, d.Sla);
}
