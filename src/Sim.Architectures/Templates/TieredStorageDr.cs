using Sim.Architectures.Model;
using Sim.Architectures.Tiering;

namespace Sim.Architectures.Templates;

/// <summary>
/// Tiered storage with DR: active-passive for the hot data (MirrorMaker 2 from the primary to the DR
/// cluster, applications failing over), and a remote tier on the primary (KIP-405) whose object store
/// replicates its segments to the DR region on its own schedule. MirrorMaker 2 carries only the hot tier: it
/// reads the primary's local log, and history older than the local retention reaches the DR region only
/// through the store's replication. So the design has two recovery points, the mirror's lag for hot data and
/// the segment age plus upload interval plus the store's replication lag for cold data.
/// </summary>
public sealed record TieredStorageOptions(string Primary, string Dr) : ArchitectureOptions
{
    public ActivePassiveOptions HotPath { get; init; } = new("-", "-");
    public RemoteTierConfig Tier { get; init; } = new();
}

public static class TieredStorageDr
{
    public const string Name = "tiered-dr";

    public static DeploymentPlan Build(ModelDefinition topology, TieredStorageOptions o, WorkloadSpec workload)
    {
        var hot = o.HotPath with { Primary = o.Primary, Standby = o.Dr, Server = o.Server };
        return ActivePassive.Build(Name, topology, hot, workload, b =>
        {
            b.AddRemoteTier(o.Primary, b.Site(o.Primary)[0], b.Site(o.Dr)[0], o.Tier);
            var log = o.Server.Broker.Log;
            b.Note($"The primary tiers closed segments (segment.bytes {log.SegmentBytes}, segment.ms {log.SegmentMs}) to an object store every {o.Tier.TaskInterval}; the store replicates them to {o.Dr}.");
        });
    }
}
