using System.Globalization;
using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary>
/// <c>reassign-partitions</c>: <c>kafka-reassign-partitions --execute</c> for one partition (KIP-455). The
/// controller adds the new replicas, which copy the leader's log as followers outside the ISR; once all of
/// them have joined the ISR the old replicas are removed (and a leaving leader hands over). With
/// <c>throttle</c> (bytes per second, the tool's <c>--throttle</c>) every broker of the old and new replica
/// sets gets that <c>leader.replication.throttled.rate</c> and <c>follower.replication.throttled.rate</c>
/// (KIP-73), which bound only the catching-up replicas; as <c>--verify</c> would, the throttle is lifted
/// when the run ends, not before (a later alter-config may lift it).
/// </summary>
public sealed record ReassignPartitions(SimTime At, PartitionRef Partition, IReadOnlyList<int> Replicas, long? Throttle) : Fault(At, null)
{
    public override string Kind => FaultKind.ReassignPartitions;

    public override string TargetText => Partition.ToString();

    public override IEnumerable<string> TrailingFields =>
        Throttle is { } t ? [ReplicasText, $"throttle: {t.ToString(CultureInfo.InvariantCulture)}"] : [ReplicasText];

    private string ReplicasText => $"replicas: [{string.Join(", ", Replicas.Select(r => r.ToString(CultureInfo.InvariantCulture)))}]";

    public override FaultEffect Apply(FaultRuntime runtime)
    {
        var (cluster, index) = Partition.Resolve(runtime);
        if (Throttle is { } rate)
        {
            foreach (var b in cluster.PartitionState(index).Replicas.Concat(Replicas).Distinct()) cluster.SetReplicationThrottle(b, rate, rate);
        }
        var outcome = cluster.ReassignPartition(index, [.. Replicas]);
        var nodes = Replicas.Select(r => cluster.Broker(r).Node).ToList();
        return new(FaultHit.OnNodes(nodes, $"{Partition}: {outcome ?? "not reassigned: no active controller"}"), null);
    }

    public static Fault? Read(FaultFields f)
    {
        if (f.Duration is not null) f.Error("duration", "a reassignment runs until its new replicas are in sync: it takes no duration");
        var partition = f.One("target", p => f.Names.Partition(p, f.Cluster));
        var replicas = ReadReplicas(f, partition);
        long? throttle = f.Has("throttle") ? f.Bytes("throttle") : null;
        if (partition is null || replicas is null || f.Duration is not null || (f.Has("throttle") && throttle is null)) return null;
        return new ReassignPartitions(f.At, partition, replicas, throttle);
    }

    /// <summary>The target replica list: broker ids of the partition's cluster, each once, as many as the topic's replication factor or more.</summary>
    private static List<int>? ReadReplicas(FaultFields f, PartitionRef? partition)
    {
        var parts = f.Parts("replicas");
        if (parts is null || parts.Count == 0) { f.Error("replicas", "a reassignment needs 'replicas', the broker ids the partition moves to, the preferred leader first"); return null; }
        if (partition is null) return null;
        var ids = f.Names.BrokerIds(partition.Cluster);
        var result = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int id)) { f.Error("replicas", $"'{part}' is not a broker id"); return null; }
            if (!ids.Contains(id)) { f.Error("replicas", $"broker {id} is not a broker of cluster '{partition.Cluster}' (its brokers: {string.Join(", ", ids)})"); return null; }
            if (result.Contains(id)) { f.Error("replicas", $"broker {id} is named twice"); return null; }
            result.Add(id);
        }
        return result;
    }
}
