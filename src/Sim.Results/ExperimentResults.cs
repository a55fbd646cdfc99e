namespace Sim.Results;

/// <summary>
/// The results of an experiment (or of the runs finished so far): its identity, the swept keys in the
/// order the sweep declares them, every run in run-id order and one summary row per sweep point. Plots and
/// the report are drawn from this alone.
/// </summary>
public sealed record ExperimentResults(
    string Name,
    string? Description,
    string Model,
    IReadOnlyList<string> SweptKeys,
    int Replications,
    int TotalRuns,
    IReadOnlyList<RunRecord> Runs,
    IReadOnlyList<SummaryRow> Summary)
{
    /// <summary>The run whose failure timeline is drawn (<c>outputs.timeline</c>), if it kept its time series.</summary>
    public int? TimelineRun { get; init; }

    /// <summary>Sentences the report should carry: what was configured and what a reader must know to read the numbers.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The experiment file, its model and the fault plan, as short lines for the report's first section.</summary>
    public IReadOnlyList<string> Setup { get; init; } = [];

    /// <summary>The capacity search the experiment states (<c>search:</c>), null when it has none.</summary>
    public SearchDescription? Search { get; init; }

    /// <summary>
    /// The targets the experiment states (<c>targets:</c>), each a metric, a comparison (<c>&lt;=</c>, or <c>&gt;=</c> for a
    /// metric where more is better) and a threshold in the metric's unit; the report's verdict judges every design
    /// against them. Empty when the experiment states none.
    /// </summary>
    public IReadOnlyList<SlaTerm> Targets { get; init; } = [];

    /// <summary>One outcome per sweep point of the capacity search, in sweep-point order; empty without a search.</summary>
    public IReadOnlyList<SearchOutcome> Searches { get; init; } = [];
}
