using Sim.Architectures.Model;
using Sim.MirrorMaker.Config;
using Sim.MirrorMaker.Failover;

namespace Sim.Architectures.Templates;

/// <summary>
/// Active-passive: all applications use the primary cluster; MirrorMaker 2 copies it one way to a standby
/// in another site; on a failure the applications fail over to the standby as <see cref="Failover"/> says
/// (detection, redirection, where consumers resume).
/// </summary>
public sealed record ActivePassiveOptions(string Primary, string Standby) : ArchitectureOptions, IMirrorOptions
{
    public ClusterShape PrimaryCluster { get; init; } = new();
    public ClusterShape StandbyCluster { get; init; } = new();
    public MirrorFlowConfig Mirror { get; init; } = new("-", "-") { SyncGroupOffsetsEnabled = true };
    public int WorkersPerConnect { get; init; } = 2;
    public FailoverConfig Failover { get; init; } = new();
}

public static class ActivePassive
{
    public const string Name = "active-passive";

    public static DeploymentPlan Build(ModelDefinition topology, ActivePassiveOptions o, WorkloadSpec workload) =>
        Build(Name, topology, o, workload, null);

    internal static DeploymentPlan Build(string name, ModelDefinition topology, ActivePassiveOptions o, WorkloadSpec workload, Action<TemplateBuilder>? extra)
    {
        if (o.Primary == o.Standby) throw new ArgumentException("the primary and the standby must be different sites");
        var b = new TemplateBuilder(topology, name, o, workload);
        b.AddCluster(o.Primary, o.Primary, o.PrimaryCluster, workload.Topics);
        b.AddCluster(o.Standby, o.Standby, o.StandbyCluster, workload.Topics);
        b.AddFlow(o.Primary, o.Standby, o.Standby, o);
        // The reverse flow a failback runbook sets up ahead of time: the standby's own topics back to the primary as remote topics.
        if (o.Failover.ReverseReplication) b.AddFlow(o.Standby, o.Primary, o.Primary, o);
        string failover = $"failover-{o.Primary}";
        b.AddFailover(failover, o.Primary, o.Standby, o.Failover, b.Site(o.Standby)[0]);
        b.PlaceProducers(_ => o.Primary, _ => failover);
        b.PlaceConsumers(_ => o.Primary, (_, topic) => [topic], _ => failover);
        b.Note($"Primary {o.Primary}, standby {o.Standby} fed one way by MirrorMaker 2; applications fail over by {o.Failover.Detection} detection and {o.Failover.Redirect} redirection.");
        extra?.Invoke(b);
        return b.Build();
    }
}
