using Sim.Results;

namespace Sim.Plotting.Tests;

/// <summary>
/// A small traced run built by hand, shaped like the recorder's: three brokers in three zones, three
/// partitions sampled once a second for a minute, a broker crash during which orders-0 loses its leader and
/// then elects broker 2, a network partition that is never repaired, producer retries, a give-up and a
/// recovery, a truncation, two lost ranges, and thirty milliseconds of messages between five hosts. It
/// fills a 1600x900 partition timeline exactly.
/// </summary>
internal static class SampleTrace
{
    public const double Duration = 60;

    public static readonly IReadOnlyList<TraceHost> Hosts =
    [
        new("client-a", "a", "client"), new("stretch-broker-1", "a", "broker"), new("stretch-controller-4", "a", "controller"),
        new("stretch-broker-2", "b", "broker"), new("stretch-broker-3", "c", "broker"),
    ];

    public static RunTrace Create() => new(
        "sample", 3, Duration, Entries(), [Orders0(), Stable("orders-1", [2, 3, 1]), Stable("orders-2", [3, 1, 2])],
        [new FaultInterval("broker-crash", "stretch-broker-1 (hard)", 30, 40), new FaultInterval("network-partition", "a/b", 45, null)],
        Hosts, Messages(), 20, 20.03);

    /// <summary>A partition whose leader and ISR never change and whose high watermark grows by 100 records a second.</summary>
    public static PartitionHistory Stable(string name, IReadOnlyList<int> replicas, string cluster = "stretch") =>
        new(cluster, name, replicas, Seconds().Select(t => new PartitionSample(t, replicas[0], replicas, (long)(t * 100), (long)(t * 100))).ToList());

    /// <summary>Led by broker 1 until it crashes at 30 s, leaderless from 30 s to 35 s (high watermark unknown), then led by broker 2.</summary>
    public static PartitionHistory Orders0() => new("stretch", "orders-0", [1, 2, 3], Seconds().Select(t =>
        t < 30 ? new PartitionSample(t, 1, [1, 2, 3], (long)(t * 100), (long)(t * 100))
        : t < 35 ? new PartitionSample(t, -1, [1], -1, -1)
        : new PartitionSample(t, 2, t < 45 ? [2] : [2, 3], 2_800 + (long)((t - 35) * 100), 2_800 + (long)((t - 35) * 100))).ToList());

    /// <summary>A partition that loses its leader at <paramref name="offlineFrom"/> seconds and never gets one back.</summary>
    public static PartitionHistory OfflineToTheEnd(double offlineFrom) => new("stretch", "orders-9", [1, 2, 3], Seconds().Select(t =>
        t < offlineFrom ? new PartitionSample(t, 3, [3, 1, 2], (long)(t * 50), (long)(t * 50)) : new PartitionSample(t, -1, [3], -1, -1)).ToList());

    private static IEnumerable<double> Seconds() => Enumerable.Range(0, (int)Duration + 1).Select(i => (double)i);

    private static List<TraceEntry> Entries() =>
    [
        new(30, "fault", "fault begins: broker-crash of stretch-broker-1 (hard)"),
        new(30.5, "leader", "orders-0 has no leader from epoch 1") { Cluster = "stretch", Partition = "orders-0", Leader = -1, LeaderEpoch = 1, Isr = [1] },
        new(31, "retry", "a produce to orders-0 fails with NOT_LEADER_OR_FOLLOWER and is retried") { Cluster = "stretch", Partition = "orders-0", Client = 1 },
        new(34, "failure", "client 1 gives up on 40 records for orders-0") { Cluster = "stretch", Partition = "orders-0", Client = 1 },
        new(35, "leader", "orders-0 gets a leader again: broker 2 at epoch 2") { Cluster = "stretch", Partition = "orders-0", Leader = 2, LeaderEpoch = 2, Isr = [2] },
        new(35.5, "recovered", "writes to orders-0 are acknowledged again") { Cluster = "stretch", Partition = "orders-0", Client = 1 },
        new(40, "repair", "fault ends: broker-crash of stretch-broker-1 (hard)"),
        new(41, "truncation", "broker 1 truncates orders-0 to offset 2800") { Cluster = "stretch", Partition = "orders-0", Brokers = [1], FirstOffset = 2_800, LastOffset = 2_949 },
        new(45, "isr", "orders-0: the ISR expands from {2} to {2,3}") { Cluster = "stretch", Partition = "orders-0", Isr = [2, 3] },
        new(60, "lost", "offsets 2800-2899 of orders-0 are lost") { Cluster = "stretch", Partition = "orders-0", FirstOffset = 2_800, LastOffset = 2_899 },
        new(60, "lost", "offsets 2900-2949 of orders-0 are lost") { Cluster = "stretch", Partition = "orders-0", FirstOffset = 2_900, LastOffset = 2_949 },
    ];

    /// <summary>A produce to the leader in zone a, its replication to zones b and c, the acknowledgement, and the usual background traffic.</summary>
    private static List<MessageHop> Messages() =>
    [
        new("BrokerHeartbeatRequest", "stretch-broker-2", "stretch-controller-4", 20.000, 20.001),
        new("BrokerHeartbeatResponse", "stretch-controller-4", "stretch-broker-2", 20.001, 20.002),
        new("ProduceRequest", "client-a", "stretch-broker-1", 20.002, 20.0022),
        new("FetchResponse", "stretch-broker-1", "stretch-broker-2", 20.0025, 20.0035),
        new("FetchResponse", "stretch-broker-1", "stretch-broker-3", 20.0025, 20.0045),
        new("FetchRequest (replica)", "stretch-broker-2", "stretch-broker-1", 20.0035, 20.0045),
        new("FetchRequest (replica)", "stretch-broker-3", "stretch-broker-1", 20.0045, 20.0065),
        new("ProduceResponse", "stretch-broker-1", "client-a", 20.0066, 20.0068),
        new("FetchRequest", "client-a", "stretch-broker-2", 20.008, 20.009),
        new("FetchResponse", "stretch-broker-2", "client-a", 20.012, 20.013),
        new("VoteRequest", "stretch-controller-4", "stretch-broker-3", 20.014, 20.016),
        new("MetadataRequest", "client-a", "stretch-broker-3", 20.018, 20.020),
        new("OffsetCommitRequest", "client-a", "stretch-broker-2", 20.025, 20.026),
        new("OffsetCommitResponse", "stretch-broker-2", "client-a", 20.029, 20.031),
    ];
}
