using Sim.Architectures.Model;
using Sim.Architectures.Runtime;
using Sim.Kafka.Config;
using Sim.MirrorMaker.Failover;

namespace Sim.Architectures.Templates;

/// <summary>Whether an application produces or consumes.</summary>
public enum AppRole
{
    Producer,
    Consumer,
}

/// <summary>
/// One application instance placed by a template: where it runs (a zone's client host), the cluster it
/// starts against, the topics it writes or reads there, its client settings, and the failover plan that
/// moves it (null: it stays).
/// </summary>
public sealed record AppPlacement(string Name, AppRole Role, string Zone, string Cluster, IReadOnlyList<string> Topics)
{
    public ProducerConfig? Producer { get; init; }
    public WorkloadConfig? Workload { get; init; }
    public ConsumerConfig? Consumer { get; init; }
    public string? Failover { get; init; }

    /// <summary>The workload topic the application was declared with (before the template mapped it to cluster topics).</summary>
    public string Topic { get; init; } = "";

    /// <summary>When a consumer application starts (null: with the run); producers start by their workload's <c>start</c>.</summary>
    public Sim.Core.Time.SimTime? Start { get; init; }
}

/// <summary>Clients that move from <see cref="Primary"/> to <see cref="Standby"/> when the primary fails, watched from <see cref="ProbeZone"/>.</summary>
public sealed record FailoverPlan(string Name, string Primary, string Standby, FailoverConfig Config, string ProbeZone);

/// <summary>
/// MirrorMaker 2 flows from a standby, created paused, that are resumed when <see cref="Primary"/> is declared lost and
/// paused again on failback (a hub standby's fan-out), watched from <see cref="ProbeZone"/>.
/// </summary>
public sealed record StandbyFlowsPlan(string Name, string Primary, IReadOnlyList<(string Source, string Target)> Flows, FailoverConfig Config, string ProbeZone);

/// <summary>
/// A remote storage tier for one cluster, with the object store's own replication to another region. Only
/// <see cref="Topics"/> are tiered: KIP-405 enables remote storage per topic (<c>remote.storage.enable</c>, default
/// false), so MirrorMaker 2's own topics (heartbeats, offset syncs) and Kafka's internal topics stay local.
/// </summary>
public sealed record RemoteTierPlan(string Cluster, string StoreZone, string? ReplicaStoreZone, Tiering.RemoteTierConfig Config)
{
    /// <summary>The topics with <c>remote.storage.enable=true</c>: the application's (empty: every topic that is not internal).</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];
}

/// <summary>
/// What a template builds: the model (topology, clusters, MirrorMaker 2), what runs on each cluster, where
/// the applications run and how they fail over, and any remote storage tiers. <see cref="Sites"/> maps
/// each site the template used to its zones.
/// </summary>
public sealed record DeploymentPlan(
    string Architecture,
    ModelDefinition Model,
    IReadOnlyDictionary<string, ClusterSettings> Settings,
    IReadOnlyList<AppPlacement> Apps,
    IReadOnlyList<FailoverPlan> Failovers)
{
    public IReadOnlyList<RemoteTierPlan> RemoteTiers { get; init; } = [];

    /// <summary>Paused MirrorMaker 2 flows a failover resumes (none but a hub standby's).</summary>
    public IReadOnlyList<StandbyFlowsPlan> StandbyFlows { get; init; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Sites { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>A sentence per design decision, for reports: what runs where and why.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The access layer in front of every client cluster's bootstrap address, or null when clients name the brokers themselves.</summary>
    public Sim.Kafka.Access.AccessConfig? Access { get; init; }
}
