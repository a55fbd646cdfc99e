using System.Globalization;
using Sim.Kafka;
using Sim.Kafka.Log;
using Sim.Kafka.Metadata;
using Sim.Results;

namespace Sim.Scenarios.Tests.Support;

/// <summary>
/// Questions scenario tests ask of a finished run, so that each test reads as the behaviour it checks:
/// when something first happened, what a partition's logs hold, how many records flowed in a window.
/// </summary>
public static class OutcomeQueries
{
    /// <summary>The time (s) of the first entry of <paramref name="kind"/> whose sentence contains every fragment; fails when there is none.</summary>
    public static double FirstTime(this Outcome o, string kind, params string[] fragments)
    {
        var e = o.Entries(kind).FirstOrDefault(e => fragments.All(f => e.Text.Contains(f, StringComparison.Ordinal)));
        Assert.True(e is not null, $"no '{kind}' entry with [{string.Join(" | ", fragments)}] in:\n{o.Narration}");
        return e!.TimeS;
    }

    /// <summary>Entries of <paramref name="kind"/> whose sentence contains every fragment.</summary>
    public static IEnumerable<TraceEntry> Matching(this Outcome o, string kind, params string[] fragments) =>
        o.Entries(kind).Where(e => fragments.All(f => e.Text.Contains(f, StringComparison.Ordinal)));

    /// <summary>A partition of <paramref name="cluster"/> by its name (<c>orders-0</c>).</summary>
    public static PartitionInfo Partition(this KafkaCluster cluster, string name) =>
        cluster.Context.Partitions.Single(p => p.Name == name);

    /// <summary>The log of <paramref name="partition"/> that survived the run (the leader's, or the most complete one).</summary>
    public static ReplicaLog FinalLog(this Outcome o, string partition, string cluster = "stretch")
    {
        var c = o.Run.Cluster(cluster);
        return c.FinalLog(c.Partition(partition).Index) ?? throw new InvalidOperationException($"no log of {partition} on {cluster}");
    }

    /// <summary>Each broker's replica log of <paramref name="partition"/>, by broker id.</summary>
    public static IReadOnlyDictionary<int, ReplicaLog> ReplicaLogs(this Outcome o, string partition, string cluster = "stretch")
    {
        var c = o.Run.Cluster(cluster);
        int index = c.Partition(partition).Index;
        return c.Brokers.Where(b => b.Replica(index) is not null).ToDictionary(b => b.Id, b => b.Replica(index)!.Log);
    }

    /// <summary>Records in every final log of <paramref name="topic"/> on <paramref name="cluster"/> (the sum of log end offsets).</summary>
    public static long RecordsInTopic(this Outcome o, string topic, string cluster = "stretch")
    {
        var c = o.Run.Cluster(cluster);
        return c.Context.Partitions.Where(p => p.Topic.Name == topic).Sum(p => c.FinalLog(p.Index)?.LogEndOffset ?? 0);
    }

    /// <summary>The sum of a time-series column over the rows that end after <paramref name="fromS"/> and no later than <paramref name="toS"/>.</summary>
    public static long Sum(this Outcome o, Func<Sim.Architectures.Metrics.TimeseriesRow, long> column, double fromS, double toS) =>
        o.Result.Timeseries.Where(r => r.TimeS > fromS && r.TimeS <= toS).Sum(column);

    /// <summary>
    /// The narration for test output, with retries and the lost ranges beyond the first three left out (a run
    /// that loses records can have thousands of ranges).
    /// </summary>
    public static string Brief(this Outcome o)
    {
        var lines = new List<string>();
        int lost = 0;
        foreach (var e in o.Trace.Entries)
        {
            if (e.Kind == "retry") continue;
            if (e.Kind == "lost" && ++lost > 3) continue;
            lines.Add($"{e.TimeS,10:0.000}  {e.Kind,-10} {e.Text}");
        }
        if (lost > 3) lines.Add($"{"",10}  {"lost",-10} ... and {lost - 3} more lost ranges");
        return string.Join("\n", lines);
    }

    /// <summary>A number for test output, invariant culture.</summary>
    public static string F(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);
}
