using Sim.Core.Time;

namespace Sim.MirrorMaker.Failover;

/// <summary>How a disaster is recognised: by a health probe's consecutive failures, or by an operator some time after the outage begins.</summary>
public enum DetectionKind { Probe, Operator }

/// <summary>How clients learn to use the other cluster: a DNS name whose cached answers expire, or a reconfiguration (restart) of the applications.</summary>
public enum RedirectKind { Dns, Reconfigure }

/// <summary>Where a consumer that moves to the other cluster begins.</summary>
public enum ResumeKind
{
    /// <summary>At the MirrorMaker 2 checkpoint of its group (RemoteClusterUtils.translateOffsets).</summary>
    Checkpoint,

    /// <summary>At its group's offsets on the other cluster, written there by <c>sync.group.offsets.enabled</c>.</summary>
    SyncedOffsets,

    /// <summary>
    /// Without translated offsets: the consumer joins its group on the standby, where (without
    /// <c>sync.group.offsets.enabled</c>) nothing is committed, so <c>auto.offset.reset</c> decides where it begins.
    /// </summary>
    AutoOffsetReset,
}

/// <summary>
/// How applications fail over from a primary cluster to a standby and back: detection, redirection and
/// where consumers resume, every part a setting to sweep.
/// </summary>
public sealed record FailoverConfig
{
    public DetectionKind Detection { get; init; } = DetectionKind.Probe;

    /// <summary>Time between health probes of the primary (a metadata request that must show every partition of the applications' topics led).</summary>
    public SimDuration ProbeInterval { get; init; } = SimDuration.FromSeconds(5);

    /// <summary>A probe unanswered this long has failed.</summary>
    public SimDuration ProbeTimeout { get; init; } = SimDuration.FromSeconds(2);

    /// <summary>Consecutive failed probes that declare a disaster (and successes that declare recovery).</summary>
    public int ProbeFailures { get; init; } = 3;

    /// <summary>With operator detection: how long after the outage begins the operator declares it.</summary>
    public SimDuration OperatorDelay { get; init; } = SimDuration.FromMinutes(5);

    public RedirectKind Redirect { get; init; } = RedirectKind.Dns;

    /// <summary>With DNS: the record's TTL; each client's cached answer expires at a uniformly random moment within it.</summary>
    public SimDuration DnsTtl { get; init; } = SimDuration.FromSeconds(30);

    /// <summary>With reconfiguration: the time to roll the applications onto the new bootstrap servers.</summary>
    public SimDuration ReconfigureDelay { get; init; } = SimDuration.FromSeconds(60);

    public ResumeKind ConsumersResume { get; init; } = ResumeKind.Checkpoint;

    /// <summary>Whether the applications go back to the primary once it is healthy again.</summary>
    public bool Failback { get; init; }

    /// <summary>How long after the primary is seen healthy again the applications go back.</summary>
    public SimDuration FailbackDelay { get; init; } = SimDuration.FromMinutes(5);

    /// <summary>
    /// Whether MirrorMaker 2 also runs from the standby back to the primary (active-passive's reverse flow, set up
    /// ahead of a failover as Confluent's and MirrorMaker 2's failback runbooks ask): what the applications write on
    /// the standby during a failover reaches the primary as the standby's remote topic, and a failback becomes
    /// planned (producers drained, the reverse flow caught up, consumers moved at translated offsets).
    /// </summary>
    public bool ReverseReplication { get; init; }
}
