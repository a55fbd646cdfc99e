namespace Sim.Architectures.Faults;

/// <summary>
/// One kind of fault: its name in fault plans, a line for <c>sim list</c>, the fields it reads besides
/// <c>at</c>, <c>kind</c>, <c>target</c>, <c>duration</c> and <c>cluster</c>, and how it reads a
/// declaration (null when the declaration has errors, which it reports).
/// </summary>
public sealed record FaultKindInfo(string Name, string Description, IReadOnlyList<string> Fields, Func<FaultFields, Fault?> Read);

/// <summary>
/// Every kind of fault, the one table the experiment loader and <c>sim list</c> read. A new kind is a new
/// <see cref="Fault"/> subtype in its own file and a line here.
/// </summary>
public static class FaultKinds
{
    /// <summary>The fields every fault may write.</summary>
    public static readonly IReadOnlyList<string> CommonFields = ["at", "kind", "target", "duration", "cluster", "when", "timeout"];

    public static readonly IReadOnlyList<FaultKindInfo> All =
    [
        new(FaultKind.BrokerCrash, "a broker stops (mode: hard loses its unflushed tail, process keeps the page cache, clean shuts down) and restarts after duration",
            ["mode"], BrokerCrash.Read),
        new(FaultKind.ControllerCrash, "a KRaft controller stops and restarts (mode: hard, or clean: an active controller resigns with EndQuorumEpoch first); target a name, active-controller or random-controller", ["mode"], ControllerCrash.Read),
        new(FaultKind.ZoneOutage, "every node of a zone goes dark (scope: all, or kafka for brokers and controllers only)",
            ["scope"], f => Outage.Read(f, OutageLevel.Zone)),
        new(FaultKind.SiteOutage, "every zone of a site (a zone or region the architecture names) goes dark", ["scope"], f => Outage.Read(f, OutageLevel.Site)),
        new(FaultKind.RegionOutage, "every zone of a region goes dark", ["scope"], f => Outage.Read(f, OutageLevel.Region)),
        new(FaultKind.NetworkPartition,
            "traffic between target and 'to' is dropped (one_way: true drops one direction only; traffic: client, replication, controller or heartbeats, and requests_only: true, drop only those messages)",
            ["to", "one_way", "traffic", "requests_only"], NetworkPartition.Read),
        new(FaultKind.LinkDegradation, "links between target and 'to' get extra delay, jitter, loss or a bandwidth_factor",
            ["to", "one_way", "delay", "jitter", "loss", "bandwidth_factor"], DegradedLinks.Read),
        new(FaultKind.SlowDisk, "a broker's appends take 'latency' longer", ["latency"], SlowDisk.Read),
        new(FaultKind.WorkerCrash, "a MirrorMaker 2 Connect worker stops; its tasks move after the rebalance delay", [], WorkerCrash.Read),
        new(FaultKind.ClockSkew, "the clocks of a site's hosts are off by 'offset' (timestamps, heartbeats)", ["offset"], ClockSkew.Read),
        new(FaultKind.ProcessPause, "the processes on the target's nodes stop (SIGSTOP, a GC pause) and resume after duration, acting on stale state; target a broker, controller, worker or client host",
            [], ProcessPause.Read),
        new(FaultKind.AlterConfig, "an operation: kafka-configs --alter; target topic:NAME (config: min.insync.replicas, unclean.leader.election.enable, retention.ms) or brokers (leader/follower.replication.throttled.rate); duration restores the old values",
            ["config"], AlterConfig.Read),
        new(FaultKind.ElectLeaders, "an operation: kafka-leader-election for partitions (TOPIC/P or topic:NAME), election: preferred or unclean", ["election"], ElectLeaders.Read),
        new(FaultKind.ReassignPartitions, "an operation: kafka-reassign-partitions for a partition to 'replicas' (broker ids), with an optional replication 'throttle' in bytes/s",
            ["replicas", "throttle"], ReassignPartitions.Read),
        new(FaultKind.ConsumerCrash, "a consumer application instance is killed without leaving its group; its coordinator moves its partitions after session.timeout.ms, and it rejoins after duration; target a name or random-consumer",
            [], ConsumerCrash.Read),
        new(FaultKind.Switchover, "a planned failover of the failover whose primary is target (a cluster): producers drained, mirror lag waited to zero, consumers moved at translated offsets, then producers", [], Switchover.Read),
        new(FaultKind.DiskFailure, "a broker's disks fail with their data: its log directories go offline and it halts (KIP-112); after duration the disk is replaced and the broker starts with empty logs and fetches its replicas again",
            [], DiskFailure.Read),
        new(FaultKind.CpuThrottle, "'cores' CPU-bound processes (stress-ng --cpu, Chaos Mesh StressChaos) run beside a broker and compete with it for its host's cores until duration ends",
            ["cores"], CpuThrottle.Read),
        new(FaultKind.CreateTopic, "an operation: kafka-topics --create for target topic:NAME, a topic declared with created: at-operation; brokers create its replicas as the controller's records commit", [], CreateTopic.Read),
        new(FaultKind.CreatePartitions, "an operation: kafka-topics --alter --partitions for target topic:NAME, to 'partitions' (above its count at that time)", ["partitions"], CreatePartitions.Read),
        new(FaultKind.DeleteTopic, "an operation: kafka-topics --delete for target topic:NAME; its replicas stop and drop their logs once the removal commits", [], DeleteTopic.Read),
    ];

    public static FaultKindInfo? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>Every field a fault may write, common ones first, then each kind's in table order.</summary>
    public static IReadOnlyList<string> AllFields => [.. CommonFields.Concat(All.SelectMany(k => k.Fields)).Distinct()];
}
