namespace Sim.Results;

/// <summary>How a capacity search of one sweep point ended.</summary>
public enum SearchVerdict
{
    /// <summary>The limit lies in a bracket narrower than the stated precision.</summary>
    Found,

    /// <summary>The probe budget ran out first: the limit lies in the bracket, which is wider than the precision.</summary>
    BudgetSpent,

    /// <summary>Even the search's <c>min</c> broke the SLA: no load in the range meets it.</summary>
    NoLoadMeetsSla,

    /// <summary>The search's <c>max</c> met the SLA: the limit is at <c>max</c> or above.</summary>
    MaxMeetsSla,

    /// <summary>A probe's runs are missing (interrupted, failed or not merged yet), so the search stopped early.</summary>
    Incomplete,
}

/// <summary>
/// One probe of a capacity search: the value the searched key took (as written, and as a number in the key's
/// unit), the summary point its runs were summarised under, and whether the SLA held there; when it did not,
/// the predicates that failed, in the SLA's order.
/// </summary>
public sealed record SearchProbe(int Probe, string Value, double X, int PointId, bool Passed, IReadOnlyList<string> Failed);

/// <summary>
/// The capacity search of one sweep point: the highest value of the searched key found to meet the SLA
/// (<see cref="Limit"/>, NaN when none did) and the lowest found to break it (<see cref="BracketHigh"/>, NaN
/// when none did), every probe in the order run, the predicates that failed at <see cref="BracketHigh"/>,
/// and the resource most utilised there (from the metrics tagged as utilisations; null when none is measured).
/// </summary>
public sealed record SearchOutcome(
    int SweepPoint,
    string Architecture,
    IReadOnlyList<Parameter> Parameters,
    SearchVerdict Verdict,
    double Limit,
    double BracketHigh,
    IReadOnlyList<SearchProbe> Probes,
    IReadOnlyList<string> FailedAbove)
{
    /// <summary>The utilisation metric with the highest mean at <see cref="BracketHigh"/>, or null.</summary>
    public string? BindingMetric { get; init; }

    /// <summary>Its mean there (0 to 1), NaN when <see cref="BindingMetric"/> is null.</summary>
    public double BindingUtilisation { get; init; } = double.NaN;

    /// <summary>The broker that was busiest in <see cref="BindingMetric"/> there (in most of the probe's runs; the lowest such broker on a tie), or null.</summary>
    public BusiestBroker? BindingBroker { get; init; }

    /// <summary>
    /// The binding resource with its broker, as search.csv and the report name it: <c>broker 2 nic_in</c> (the
    /// cluster first when the run has several: <c>east broker 2 nic_in</c>); the metric's name alone without a broker.
    /// </summary>
    public string? BindingResource { get; init; }

    /// <summary>The monthly bill's columns (<see cref="MetricCatalog.Costs"/>), their means over the runs at <see cref="Limit"/>; empty when no load met the SLA.</summary>
    public IReadOnlyList<MetricValue> CostAtLimit { get; init; } = [];
}

/// <summary>
/// What a capacity search looked for: the key it moved (with the unit its values are written in, such as
/// <c>/s</c>; <see cref="Integer"/> when it takes whole numbers only), its range, the SLA as written, and how probes were judged. Results carry it so the report
/// and the plots can say what a limit means.
/// </summary>
public sealed record SearchDescription(string Key, string Unit, bool Integer, double Min, double Max, double Precision, int MaxProbes, string Judge, IReadOnlyList<SlaTerm> Sla);

/// <summary>One SLA predicate as the results show it: the metric, the comparison and the threshold in the metric's unit, and the text as written.</summary>
public sealed record SlaTerm(string Metric, string Op, double Threshold, string Text)
{
    /// <summary>Whether <paramref name="value"/> satisfies the predicate; NaN (not measured) never does.</summary>
    public bool HoldsFor(double value) => !double.IsNaN(value) && Op switch
    {
        "<" => value < Threshold,
        "<=" => value <= Threshold,
        ">" => value > Threshold,
        ">=" => value >= Threshold,
        "==" => value == Threshold,
        _ => throw new InvalidOperationException($"unknown comparison '{Op}'"),
    };
}
