using Sim.Architectures.Model;
using Sim.Architectures.Runtime;
using Sim.Core.Time;
using Sim.Experiments.Models;
using Sim.Kafka;
using Sim.Kafka.Config;
using Sim.Kafka.Log;
using Sim.Kafka.Metadata;
using Sim.Kafka.Observation;

namespace Sim.Experiments.Demos;

/// <summary>
/// A site outage on one cluster of a model: producers in every zone write with the given acks; one zone
/// loses power for a while; the result says, from what the simulated protocol did, how writes fared
/// before, during and after, what was lost, and how long writes stopped.
/// </summary>
public static class SiteOutageDemo
{
    public sealed record Options(string Zone, short Acks, int MinInSyncReplicas, int ReplicationFactor, int Partitions, double RecordsPerSecondPerZone, ulong Seed)
    {
        public SimDuration Warmup { get; init; } = SimDuration.FromSeconds(30);
        public SimDuration Outage { get; init; } = SimDuration.FromSeconds(60);
        public SimDuration After { get; init; } = SimDuration.FromSeconds(60);
    }

    public sealed record Phase(string Name, long RecordsAcked, long RecordsFailed, double LatencyP50Ms, double LatencyP99Ms);

    public sealed record Result(
        string Cluster, IReadOnlyList<Phase> Phases, AuditResult Audit, SimDuration LongestWriteGap, int LeaderElections,
        IReadOnlyList<string> Timeline, long Events, string Fingerprint);

    public static Result Run(ModelDefinition model, Options o)
    {
        var layout = model.Clusters.Count > 0 ? model.Clusters[0] : throw new ArgumentException($"model '{model.Name}' places no cluster");
        var zones = model.Network.Topology.Regions.SelectMany(r => r.Zones).Select(z => z.Name).ToList();
        if (!zones.Contains(o.Zone)) throw new ArgumentException($"model '{model.Name}' has no zone '{o.Zone}' (zones: {string.Join(", ", zones)})");
        var topic = new TopicConfig("orders", o.Partitions, o.ReplicationFactor) { MinInSyncReplicas = o.MinInSyncReplicas };
        var settings = model.Clusters.ToDictionary(c => c.Name, c => new ClusterSettings(c.Name == layout.Name ? [topic] : []) { Server = new ServerSettings { OffsetsTopicPartitions = 0 } });
        var ledger = new AckLedger();
        var watch = new Watch();
        var sim = Simulation.Build(model, settings, o.Seed, [ledger, watch]);
        var cluster = sim.Cluster(layout.Name);
        int client = 1;
        // Applications in the failing zone go down with it, so producers run in the other zones.
        foreach (var zone in zones.Where(z => z != o.Zone && layout.Brokers.Any(b => sim.Topology.Node(b.Name).Zone.Name == z)))
        {
            var p = cluster.AddProducer(client++, sim.ClientNode(zone), new ProducerConfig { Acks = o.Acks },
                new WorkloadConfig("orders", o.RecordsPerSecondPerZone) { Keys = 10_000 });
            p.Start();
        }
        var nodes = cluster.Brokers.Select(b => b.Node).Concat(cluster.Controllers.Select(c => c.Node)).Where(n => n.Zone.Name == o.Zone).Distinct().ToList();
        var failAt = SimTime.Zero + o.Warmup;
        var healAt = failAt + o.Outage;
        var endAt = healAt + o.After;
        const long cap = 200_000_000;
        sim.Scheduler.Run(failAt, cap);
        watch.Note(sim.Scheduler.Now, $"zone {o.Zone} loses power ({nodes.Count} nodes: {string.Join(", ", nodes.Select(n => n.Name))})");
        foreach (var n in nodes) cluster.PowerOff(n);
        sim.Scheduler.Run(healAt, cap);
        watch.Note(sim.Scheduler.Now, $"zone {o.Zone} is back");
        foreach (var n in nodes) cluster.PowerOn(n);
        sim.Scheduler.Run(endAt, cap);
        var phases = new[]
        {
            watch.Phase("before", SimTime.FromSeconds(5), failAt),
            watch.Phase("outage", failAt, healAt),
            watch.Phase("after", healAt, endAt),
        };
        return new Result(layout.Name, phases, ledger.Audit(cluster.FinalLog), watch.LongestGap(failAt, endAt), watch.Elections,
            watch.Timeline, sim.Scheduler.EventsExecuted, sim.Scheduler.Fingerprint.ToString());
    }

    /// <summary>Collects latencies, failures and control-plane sentences as the run goes.</summary>
    private sealed class Watch : IKafkaObserver
    {
        private readonly List<(SimTime At, double Ms, int Count, int Partition)> _acks = [];
        private readonly List<(SimTime At, int Count)> _failures = [];
        public List<string> Timeline { get; } = [];
        public int Elections { get; private set; }

        public void Note(SimTime at, string what) => Timeline.Add($"{at,12}  {what}");

        public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency) =>
            _acks.Add((at, latency.TotalMilliseconds, batch.Count, partition));

        public void ProduceFailed(SimTime at, int producerId, int partition, int records, Kafka.Protocol.ErrorCode error) => _failures.Add((at, records));

        public void PartitionChanged(SimTime at, PartitionState? before, PartitionState after, string cause)
        {
            if (before is null || before.LeaderEpoch == after.LeaderEpoch) return;
            Elections++;
            if (Elections <= 6) Note(at, $"p{after.Partition}: leader {before.Leader} -> {after.Leader} (epoch {after.LeaderEpoch}): {cause}");
            else if (Elections == 7) Note(at, "... more leader changes");
        }

        public void BrokerFenced(SimTime at, int brokerId, string cause) => Note(at, $"broker {brokerId} fenced: {cause}");

        public void ControllerElected(SimTime at, int controllerId, int epoch) => Note(at, $"controller {controllerId} elected (epoch {epoch})");

        public void ControllerResigned(SimTime at, int controllerId, int epoch, string cause) => Note(at, $"controller {controllerId} resigned: {cause}");

        public Phase Phase(string name, SimTime from, SimTime to)
        {
            var inside = _acks.Where(a => a.At >= from && a.At < to).ToList();
            var sorted = inside.Select(a => a.Ms).Order().ToList();
            double P(double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
            return new Phase(name, inside.Sum(a => (long)a.Count), _failures.Where(f => f.At >= from && f.At < to).Sum(f => (long)f.Count), P(0.5), P(0.99));
        }

        /// <summary>The longest stretch any one partition went without an acknowledgement, from <paramref name="from"/> on.</summary>
        public SimDuration LongestGap(SimTime from, SimTime to)
        {
            var gap = SimDuration.Zero;
            foreach (var group in _acks.GroupBy(a => a.Partition).OrderBy(g => g.Key))
            {
                var times = group.Where(a => a.At >= from && a.At <= to).Select(a => a.At).Prepend(from).Append(to).ToList();
                for (int i = 1; i < times.Count; i++) gap = SimDuration.Max(gap, times[i] - times[i - 1]);
            }
            return gap;
        }
    }
}
