using Sim.Architectures.Faults;
using Sim.Architectures.Metrics;
using Sim.Architectures.Runtime;
using Sim.Architectures.Templates;
using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Experiments.Search;
using Sim.Results;

namespace Sim.Experiments.Spec;

/// <summary>Which runs keep their time series (<c>outputs.timeseries</c>).</summary>
public enum TimeseriesKeep
{
    None,
    FirstReplication,
    All,
    Listed,
}

/// <summary>The <c>outputs</c> section: time series kept, their interval, the run whose failure timeline is drawn, transfer prices.</summary>
public sealed record OutputOptions
{
    public TimeseriesKeep Timeseries { get; init; } = TimeseriesKeep.FirstReplication;
    public IReadOnlyList<int> TimeseriesRuns { get; init; } = [];
    public SimDuration TimeseriesInterval { get; init; } = SimDuration.FromSeconds(1);

    /// <summary>The run id whose timeline is drawn; null picks the first run that kept its time series and had a fault.</summary>
    public int? Timeline { get; init; }

    public Prices Prices { get; init; } = Prices.AwsDefaults;

    /// <summary>
    /// <c>outputs.trace</c>: the run ids whose narrated trace (the sentences of <c>sim trace</c>) is kept in their run
    /// record and shown as a timeline in report.html; <see cref="TraceAll"/> keeps every run's.
    /// </summary>
    public IReadOnlyList<int> TraceRuns { get; init; } = [];

    public bool TraceAll { get; init; }
}

/// <summary>One sweep point, fully built: the architecture's plan over the model, the fault plan, and the swept values.</summary>
public sealed record RunPoint(int PointId, string Architecture, IReadOnlyList<Parameter> Parameters, DeploymentPlan Plan, FaultPlan Faults);

/// <summary>One run: a point and a replication, with its seed.</summary>
public sealed record RunSpec(int RunId, RunPoint Point, int Replication, ulong Seed, RunOptions Options, bool KeepTimeseries)
{
    /// <summary>The real time the run may take (<c>limits.wall_clock</c>); null for no bound.</summary>
    public TimeSpan? WallClock { get; init; }

    /// <summary>How the event cap in <see cref="RunOptions.EventCap"/> was set, for the message of a run that reaches it.</summary>
    public string EventCapSource { get; init; } = "";

    /// <summary>Whether the run's narrated trace is kept in its record (<c>outputs.trace</c>).</summary>
    public bool KeepTrace { get; init; }
}

/// <summary>
/// A validated experiment: every point built (so any problem was found before a run started), the
/// replications, and the master seed. Run <c>i</c> is point <c>i / replications</c>, replication
/// <c>i % replications</c>. Replication <c>r</c> of every point runs with the same seed (common random
/// numbers), derived from the master seed and <c>r</c>, so differences between points come from the
/// swept knobs rather than from the dice.
/// </summary>
public sealed record ExperimentDefinition(
    string Name,
    string? Description,
    string File,
    string ModelFile,
    ulong Seed,
    SimDuration Duration,
    SimDuration Warmup,
    int Replications,
    IReadOnlyList<string> SweptKeys,
    IReadOnlyList<RunPoint> Points,
    OutputOptions Outputs,
    string Hash)
{
    /// <summary>Runs planned; with a search, the most its probe budget allows (a search usually stops sooner).</summary>
    public int TotalRuns => Points.Count * Replications * (Search is { } s ? s.MaxProbes : 1);

    public bool CheckInvariants { get; init; }

    /// <summary>Hybrid fidelity's windows (<c>fidelity: hybrid</c>); null when every run is simulated in detail.</summary>
    public HybridOptions? Hybrid { get; init; }

    /// <summary>The experiment's budgets (<c>limits</c>): the event cap and wall-clock budget of each run come from them.</summary>
    public RunLimits Limits { get; init; } = RunLimits.Default;

    /// <summary>
    /// The event cap of a run of <paramref name="point"/>, derived from the run's size (duration, nodes, records
    /// per second) unless <c>limits.events</c> is written, and a sentence saying so for the message of a run that reaches it.
    /// </summary>
    public (long Cap, string Source) EventCap(RunPoint point)
    {
        int nodes = point.Plan.Model.Network.Nodes.Count;
        // A closed-loop producer (rate: max) is bounded only by limits.records_per_second, so the cap assumes that rate.
        double rate = point.Plan.Apps.Sum(a => a.Workload is { } w
            ? w.ClosedLoop ? Limits.RecordsPerSecond : w.RecordsPerSecond * Math.Max(1, w.Bursts.Select(b => b.Factor).DefaultIfEmpty(1).Max())
            : 0);
        long cap = Limits.EventCap(Duration, nodes, rate);
        string source = Limits.Events is null
            ? $"limits.events is auto: {cap:N0} for {Duration} of simulated time over {nodes} nodes at {rate:0.#} records/s"
            : $"limits.events is {cap:N0}";
        return (cap, source);
    }

    /// <summary>The capacity search (<c>search:</c>), null when the experiment has none. Its <see cref="Points"/> are built at the search's <c>min</c>.</summary>
    public SearchSpec? Search { get; init; }

    /// <summary>The targets the experiment states (<c>targets:</c>), judged by the report's verdict; empty when it states none.</summary>
    public IReadOnlyList<SlaTerm> Targets { get; init; } = [];

    /// <summary>Builds sweep point <c>p</c> with the searched key set to a probe's value (in the key's unit), under a given point id; set when <see cref="Search"/> is.</summary>
    public Func<int, int, double, RunPoint>? BindProbe { get; init; }

    /// <summary>The run of one replication of one probe, its id fixed by the probe's identity so stored runs can be found again on --resume.</summary>
    public RunSpec ProbeRun(int sweepPoint, int probe, int replication, double x)
    {
        if (Search is null || BindProbe is null) throw new InvalidOperationException("the experiment has no search");
        // Each probe is summarised as a point of its own (ProbeJudge.PointId), its replications numbered as a sweep point's are.
        int pointId = ProbeJudge.PointId(Search, sweepPoint, probe);
        return Spec(ProbeJudge.RunId(Search, Replications, sweepPoint, probe, replication), BindProbe(sweepPoint, pointId, x), replication);
    }

    public static ulong RunSeed(ulong master, int replication) => StableHash.Derive(master, $"replication/{replication}");

    public RunSpec Run(int runId)
    {
        if (Search is not null) throw new InvalidOperationException("a search's runs depend on the probes before them; run it with SearchRunner");
        if (runId < 0 || runId >= TotalRuns) throw new ArgumentOutOfRangeException(nameof(runId), $"run ids go from 0 to {TotalRuns - 1}");
        return Spec(runId, Points[runId / Replications], runId % Replications);
    }

    private RunSpec Spec(int runId, RunPoint point, int replication)
    {
        ulong seed = RunSeed(Seed, replication);
        var (cap, capSource) = EventCap(point);
        var options = new RunOptions(seed, Duration)
        {
            Warmup = Warmup, TimeseriesInterval = Outputs.TimeseriesInterval, Prices = Outputs.Prices, CheckInvariants = CheckInvariants, EventCap = cap, Hybrid = Hybrid,
        };
        bool keep = Outputs.Timeseries switch
        {
            TimeseriesKeep.All => true,
            TimeseriesKeep.FirstReplication => replication == 0,
            TimeseriesKeep.Listed => Outputs.TimeseriesRuns.Contains(runId),
            _ => false,
        };
        return new RunSpec(runId, point, replication, seed, options, keep)
        {
            WallClock = Limits.WallClock(cap), EventCapSource = capSource, KeepTrace = Outputs.TraceAll || Outputs.TraceRuns.Contains(runId),
        };
    }
}
