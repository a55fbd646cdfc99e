using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary><c>controller-crash</c>: a KRaft controller process crashes and restarts after the duration (Kafka: QuorumController, KafkaRaftManager).</summary>
public sealed record ControllerCrash(SimTime At, SimDuration? Duration, ControllerRef Target) : Fault(At, Duration)
{
    public override string Kind => FaultKind.ControllerCrash;

    public override string TargetText => Target.ToString()!;

    public override FaultEffect Apply(FaultRuntime runtime)
    {
        if (Target.Resolve(runtime) is not var (cluster, c)) return FaultEffect.Nothing("no controller to crash");
        var node = c.Node;
        if (!runtime.NodeDown(node)) return new(FaultHit.On(node, $"{node.Name} (already down)"), () => runtime.NodeUp(node));
        cluster.CrashController(c.Id);
        return new(FaultHit.On(node, $"controller {c.Id} on {node.Name}"), () => { if (runtime.NodeUp(node)) cluster.RestartController(c.Id); });
    }

    public static Fault? Read(FaultFields f)
    {
        var target = f.One("target", p => f.Names.Controller(p, f.Cluster));
        return target is null ? null : new ControllerCrash(f.At, f.Duration, target);
    }
}
