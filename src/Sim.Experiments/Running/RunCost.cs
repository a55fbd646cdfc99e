using System.Collections.Concurrent;
using Sim.Architectures.Faults;
using Sim.Experiments.Spec;

namespace Sim.Experiments.Running;

/// <summary>
/// The order sweep runs are started in: the longest expected first, so a long run started last does not leave
/// the other workers idle at the end of a sweep (longest-processing-time-first scheduling). Results do not depend
/// on it: each run is stored under its own id, and the outcome is put in run-id order.
/// </summary>
public static class RunCost
{
    /// <summary>
    /// The expected cost of a run, in arbitrary units: detailed seconds × brokers × (1 + records per second / 1,000).
    /// Events grow with simulated time, with the brokers that fetch, heartbeat and replicate, and with the records
    /// produced (each batch is appended, replicated and acknowledged); the 1 stands for a cluster's background work
    /// when nothing is produced. Detailed seconds are the run's duration, or in hybrid fidelity the length of the detail
    /// windows the faults it will draw open (<see cref="FaultInjector.DetailedLength"/>): two replications of a year
    /// differ by the faults their seeds draw.
    /// </summary>
    public static double Expected(RunSpec spec)
    {
        int brokers = 0;
        foreach (var c in spec.Point.Plan.Model.Clusters) brokers += c.Brokers.Count;
        double records = 0;
        foreach (var app in spec.Point.Plan.Apps) records += app.Workload?.RecordsPerSecond ?? 0;
        return FaultInjector.DetailedLength(spec.Point.Plan, spec.Point.Faults, spec.Options).TotalSeconds * Math.Max(1, brokers) * (1 + records / 1000);
    }

    /// <summary>The runs, most expected cost first; equal costs keep run-id order.</summary>
    public static List<RunSpec> LongestFirst(IReadOnlyList<RunSpec> runs)
    {
        var keyed = new (double Cost, RunSpec Run)[runs.Count];
        for (int i = 0; i < runs.Count; i++) keyed[i] = (Expected(runs[i]), runs[i]);
        Array.Sort(keyed, static (a, b) => a.Cost != b.Cost ? b.Cost.CompareTo(a.Cost) : a.Run.RunId.CompareTo(b.Run.RunId));
        var ordered = new List<RunSpec>(keyed.Length);
        foreach (var k in keyed) ordered.Add(k.Run);
        return ordered;
    }

    /// <summary>Hands the runs to workers one at a time in the order given (Parallel.ForEach would otherwise cut a list into ranges).</summary>
    public static OrderablePartitioner<RunSpec> InOrder(List<RunSpec> ordered) =>
        Partitioner.Create(ordered, EnumerablePartitionerOptions.NoBuffering);
}
