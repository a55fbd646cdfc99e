using Sim.Core.Distributions;
using Sim.Core.Time;
using Sim.Network.Faults;

namespace Sim.Architectures.Faults;

/// <summary>The kinds of fault a plan can inject, by the names fault plans use.</summary>
public enum FaultKind
{
    /// <summary><c>broker-crash</c>: a broker stops (power loss, process crash, or controlled shutdown) and restarts after the duration.</summary>
    BrokerCrash,

    /// <summary><c>controller-crash</c>: a KRaft controller process crashes and restarts.</summary>
    ControllerCrash,

    /// <summary><c>zone-outage</c>: every node of one zone loses power.</summary>
    ZoneOutage,

    /// <summary><c>site-outage</c>: every node of a site (a zone, or all zones of a region) loses power.</summary>
    SiteOutage,

    /// <summary><c>region-outage</c>: every node of a region loses power.</summary>
    RegionOutage,

    /// <summary><c>network-partition</c>: messages between two sets of zones or nodes are dropped, both ways or one way.</summary>
    NetworkPartition,

    /// <summary><c>link-degradation</c>: links between two places get extra delay, jitter, loss or less bandwidth.</summary>
    LinkDegradation,

    /// <summary><c>slow-disk</c>: each disk write of a broker takes longer.</summary>
    SlowDisk,

    /// <summary><c>mm2-worker-crash</c>: a MirrorMaker 2 Connect worker crashes.</summary>
    WorkerCrash,

    /// <summary><c>clock-skew</c>: the clocks of a site's nodes run ahead (or behind) of true time.</summary>
    ClockSkew,
}

/// <summary>How a broker goes down in a <c>broker-crash</c>.</summary>
public enum CrashMode
{
    /// <summary>The machine loses power: the page cache, and the unflushed tail of the log with it, is lost.</summary>
    Hard,

    /// <summary>The process dies; the operating system keeps the page cache.</summary>
    Process,

    /// <summary>Controlled shutdown: leadership is moved away first, then the broker stops.</summary>
    Clean,
}

/// <summary>What an outage takes down: every node in the place, or only the Kafka brokers and controllers there.</summary>
public enum OutageScope
{
    All,
    Kafka,
}

/// <summary>
/// One fault of a plan: what happens, when, for how long (null: until the end of the run), and to what.
/// Targets are names from the model or roles resolved when the fault fires (see <see cref="FaultTarget"/>).
/// <see cref="Key"/> is where the fault was declared, for error messages.
/// </summary>
public sealed record FaultSpec(FaultKind Kind, SimTime At, SimDuration? Duration, FaultTarget Target)
{
    /// <summary>The cluster a broker, controller or partition role refers to (null: the deployment's only or first cluster).</summary>
    public string? Cluster { get; init; }

    public CrashMode Mode { get; init; } = CrashMode.Hard;

    public OutageScope Scope { get; init; } = OutageScope.All;

    /// <summary>For partitions and degradations: the other side (null: everything else for a partition).</summary>
    public FaultTarget? Peer { get; init; }

    /// <summary>Partitions and degradations affect only messages from <see cref="Target"/> towards <see cref="Peer"/> when true.</summary>
    public bool OneWay { get; init; }

    public LinkDegradation? Degradation { get; init; }

    /// <summary>Extra time per disk write, for <c>slow-disk</c>.</summary>
    public SimDuration DiskLatency { get; init; }

    /// <summary>How far clocks move, for <c>clock-skew</c>.</summary>
    public SimDuration ClockOffset { get; init; }

    public string Key { get; init; } = "faults";

    public SimTime? End => Duration is { } d ? At + d : null;
}

/// <summary>
/// Faults drawn at random for every component of a class: times between failures from an exponential
/// distribution with mean <see cref="Mtbf"/>, repair times from <see cref="Mttr"/>. Classes: <c>broker</c>,
/// <c>controller</c>, <c>mm2-worker</c>, <c>zone</c>.
/// </summary>
public sealed record StochasticFaults(string ComponentClass, SimDuration Mtbf, DistributionSpec Mttr)
{
    public CrashMode Mode { get; init; } = CrashMode.Hard;

    public string Key { get; init; } = "faults.stochastic";

    public static readonly IReadOnlyList<string> Classes = ["broker", "controller", "mm2-worker", "zone"];
}

/// <summary>A fault plan: scheduled faults and stochastic ones, drawn only from the fault stream.</summary>
public sealed record FaultPlan(IReadOnlyList<FaultSpec> Scheduled)
{
    public IReadOnlyList<StochasticFaults> Stochastic { get; init; } = [];

    public static readonly FaultPlan None = new([]);

    /// <summary>The names fault plans use for each kind.</summary>
    public static readonly IReadOnlyDictionary<string, FaultKind> KindNames = new Dictionary<string, FaultKind>(StringComparer.Ordinal)
    {
        ["broker-crash"] = FaultKind.BrokerCrash,
        ["controller-crash"] = FaultKind.ControllerCrash,
        ["zone-outage"] = FaultKind.ZoneOutage,
        ["site-outage"] = FaultKind.SiteOutage,
        ["region-outage"] = FaultKind.RegionOutage,
        ["network-partition"] = FaultKind.NetworkPartition,
        ["link-degradation"] = FaultKind.LinkDegradation,
        ["slow-disk"] = FaultKind.SlowDisk,
        ["mm2-worker-crash"] = FaultKind.WorkerCrash,
        ["clock-skew"] = FaultKind.ClockSkew,
    };

    public static string NameOf(FaultKind kind) => KindNames.First(p => p.Value == kind).Key;
}
