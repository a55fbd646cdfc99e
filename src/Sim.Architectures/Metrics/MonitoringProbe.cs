using HdrHistogram;
using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Metadata;
using Sim.Kafka.Observation;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// The seed's monitoring dashboard (seed 003, Monitoring Strategy) sampled at every time-series interval, as
/// Kafka's own metrics define each figure:
/// <list type="bullet">
/// <item>UnderReplicatedPartitions and OfflinePartitionsCount (ReplicaManager, KafkaController): partitions whose ISR
/// is smaller than their replica set, and partitions with no leader.</item>
/// <item>IsrShrinksPerSec and IsrExpandsPerSec (ReplicaManager): ISR changes over the interval, per second.</item>
/// <item>ActiveControllerCount (KafkaController/QuorumController metrics), summed over a cluster's live controllers;
/// the lowest and highest over the clusters (0 is an unavailable cluster, 2 a split brain).</item>
/// <item>MaxLag (ReplicaFetcherManager, in records): the largest leader log end minus a live follower's log end.</item>
/// <item>MirrorMaker 2 lag in records and in seconds (<see cref="MirrorLagProbe.Behind"/>), and checkpoint age: the
/// time since MirrorCheckpointConnector last wrote a checkpoint (the seed's checkpoint lag).</item>
/// <item>Consumer lag (the consumer's records-lag-max): per group, the high watermark minus the group's position
/// summed over its partitions; the most-lagging group.</item>
/// <item>Produce and end-to-end p99 over the interval (request latency as the seed's Performance Metrics).</item>
/// <item>BytesInPerSec and BytesOutPerSec (BrokerTopicMetrics) of the busiest broker, from its network card's
/// counters, in MB/s; and the busiest inter-zone link's utilisation over its bandwidth (Network Saturation).</item>
/// </list>
/// </summary>
public sealed class MonitoringProbe(RunContext context, PartitionProbe partitions) : IRunProbe
{
    private readonly List<MonitoringRow> _samples = [];
    private readonly LongHistogram _produce = new(LatencyProbe.HighestMicros, 3);
    private readonly LongHistogram _e2e = new(LatencyProbe.HighestMicros, 3);
    private readonly Dictionary<(string Cluster, int Broker), (long In, long Out)> _nic = [];
    private readonly Dictionary<string, long> _linkBytes = new(StringComparer.Ordinal);
    private int _shrinks, _expands;
    private SimTime _last = SimTime.Zero;

    private RunContext Context => context;

    public IEnumerable<IKafkaObserver> ObserversOf(string cluster) => [new View(this, cluster)];

    /// <summary>
    /// Samples the dashboard at <paramref name="now"/>, the end of an interval, called by <see cref="TimeseriesProbe"/> with what it
    /// measured at the same instant: the under-replicated and offline partitions and MirrorMaker 2's lag (null without flows).
    /// </summary>
    public void Sample(SimTime now, int under, int offline, (double WorstMs, long Records)? mirror)
    {
        double seconds = (now - _last).TotalSeconds;
        _last = now;
        if (seconds <= 0) return;
        long replicaLag = 0;
        string? name = null;
        Kafka.Broker.KafkaBroker?[] brokers = [];
        foreach (var ((cluster, p), ps) in partitions.Partitions)
        {
            if (!ReferenceEquals(cluster, name)) (name, brokers) = (cluster, context.BrokersById(context.Simulation.Clusters[cluster]));
            replicaLag = Math.Max(replicaLag, ReplicaLag(brokers, p, ps));
        }
        var (controllersMin, controllersMax) = ActiveControllers();
        var (inMax, outMax) = BusiestNic(seconds);
        _samples.Add(new MonitoringRow(now.TotalSeconds, under, offline, _shrinks / seconds, _expands / seconds,
            controllersMin, controllersMax, replicaLag, mirror?.Records ?? 0, (mirror?.WorstMs ?? double.NaN) / 1000, CheckpointAge(now),
            ConsumerLag(), P99(_produce), P99(_e2e), inMax, outMax, BusiestLink(seconds)));
        _shrinks = _expands = 0;
        _produce.Reset();
        _e2e.Reset();
    }

    /// <summary>Live active controllers of the cluster with fewest and of the one with most.</summary>
    private (int Min, int Max) ActiveControllers()
    {
        int min = int.MaxValue, max = 0;
        foreach (var name in context.Simulation.Clusters.Keys.Order(StringComparer.Ordinal))
        {
            int active = 0;
            foreach (var c in context.Simulation.Clusters[name].Controllers) if (c.Alive && c.IsActive) active++;
            min = Math.Min(min, active);
            max = Math.Max(max, active);
        }
        return (min == int.MaxValue ? 0 : min, max);
    }

    /// <summary>Seconds since the flow that checkpointed longest ago last wrote a checkpoint; NaN before any has.</summary>
    private double CheckpointAge(SimTime now)
    {
        double age = double.NaN;
        if (context.Simulation.MirrorMaker is not { } mm) return age;
        foreach (var f in mm.Flows)
        {
            if (f.Metrics.LastCheckpointAt is { } at) age = Math.Max(double.IsNaN(age) ? 0 : age, (now - at).TotalSeconds);
        }
        return age;
    }

    /// <summary>The worst consumer group's lag: high watermark minus position, summed over its members' partitions; NaN without consumers.</summary>
    private double ConsumerLag()
    {
        var groups = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var app in context.Apps)
        {
            if (app.Consumer is not { Running: true } consumer || app.Suspended) continue;
            long lag = 0;
            for (int i = 0; i < consumer.Assigned.Count && i < consumer.Positions.Count; i++)
            {
                long position = consumer.Positions[i];
                if (position < 0 || app.Cluster.FinalLog(consumer.Assigned[i]) is not { } log) continue;
                lag += Math.Max(0, log.HighWatermark - position);
            }
            var key = app.Cluster.Name + "/" + consumer.Config.GroupId;
            groups[key] = groups.GetValueOrDefault(key) + lag;
        }
        return groups.Count == 0 ? double.NaN : groups.Values.Max();
    }

    /// <summary>The busiest broker's network card in and out over the interval, MB/s.</summary>
    private (double In, double Out) BusiestNic(double seconds)
    {
        var sim = context.Simulation;
        double inMax = 0, outMax = 0;
        foreach (var name in sim.Clusters.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var b in sim.Clusters[name].Brokers.OrderBy(x => x.Id))
            {
                long bytesIn = sim.Network.NicIn(b.Node)?.Bytes ?? 0, bytesOut = sim.Network.NicOut(b.Node)?.Bytes ?? 0;
                var then = _nic.GetValueOrDefault((name, b.Id));
                _nic[(name, b.Id)] = (bytesIn, bytesOut);
                inMax = Math.Max(inMax, (bytesIn - then.In) / 1e6 / seconds);
                outMax = Math.Max(outMax, (bytesOut - then.Out) / 1e6 / seconds);
            }
        }
        return (inMax, outMax);
    }

    /// <summary>The busiest inter-zone link direction's bytes over its bandwidth in the interval (0 where links are unlimited).</summary>
    private double BusiestLink(double seconds)
    {
        var network = context.Simulation.Network;
        double util = 0;
        foreach (var a in network.Topology.Zones)
        {
            foreach (var b in network.Topology.Zones)
            {
                if (a.Index == b.Index) continue;
                var link = network.LinkBetween(a, b);
                string key = a.Index + ">" + b.Index;
                long then = _linkBytes.GetValueOrDefault(key);
                _linkBytes[key] = link.Bytes;
                if (link.Bandwidth is { } bw && bw.BytesPerSecond > 0) util = Math.Max(util, (link.Bytes - then) / (bw.BytesPerSecond * seconds));
            }
        }
        return util;
    }

    /// <summary>The leader's log end offset minus the furthest-behind live follower's (ReplicaFetcherManager MaxLag), 0 without a leader.</summary>
    private static long ReplicaLag(Kafka.Broker.KafkaBroker?[] brokers, int partition, PartitionState ps)
    {
        if (ps.Leader < 0 || brokers[ps.Leader]!.Replica(partition)?.Log is not { } leaderLog) return 0;
        long lag = 0;
        foreach (int r in ps.Replicas)
        {
            if (r == ps.Leader) continue;
            var broker = brokers[r]!;
            if (!broker.Alive || broker.Replica(partition)?.Log is not { } log) continue;
            lag = Math.Max(lag, leaderLog.LogEndOffset - log.LogEndOffset);
        }
        return lag;
    }

    private static double P99(LongHistogram h) => h.TotalCount == 0 ? double.NaN : h.GetValueAtPercentile(99) / 1000.0;

    public RunResult Contribute(RunResult result) => result with { Monitoring = _samples };

    private sealed class View(MonitoringProbe p, string cluster) : IKafkaObserver
    {
        public void PartitionChanged(SimTime at, PartitionState? before, PartitionState after, string cause)
        {
            if (before is null) return;
            if (after.Isr.Length < before.Isr.Length) p._shrinks++;
            else if (after.Isr.Length > before.Isr.Length) p._expands++;
        }

        public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency)
        {
            if (p.Context.AppOf(cluster, producerId) is null) return;
            p._produce.RecordValue(LatencyProbe.Micros(latency));
        }

        public void Consumed(SimTime at, int consumerId, string group, int partition, in RecordBatch batch)
        {
            if (p.Context.AppOf(cluster, consumerId) is not { } app) return;
            var local = at + p.Context.Simulation.Network.ClockOffset(app.Node);
            p._e2e.RecordValueWithCount(LatencyProbe.Micros(local - batch.CreateTime), batch.Count);
        }
    }
}
