using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary>
/// <c>controller-crash</c>: a KRaft controller process stops and restarts after the duration (Kafka:
/// QuorumController, KafkaRaftManager). With <see cref="Graceful"/> (<c>mode: clean</c>) it shuts down as
/// KafkaRaftClient.shutdown does: an active controller resigns with EndQuorumEpoch so the other voters
/// elect at once; otherwise (<c>mode: hard</c>, the default) they notice only when their fetch timeout expires.
/// </summary>
public sealed record ControllerCrash(SimTime At, SimDuration? Duration, ControllerRef Target) : Fault(At, Duration)
{
    public bool Graceful { get; init; }

    public override string Kind => FaultKind.ControllerCrash;

    public override string TargetText => Target.ToString()!;

    public override IEnumerable<string> LeadingFields => Graceful ? ["mode: clean"] : [];

    public override FaultEffect Apply(FaultRuntime runtime)
    {
        if (Target.Resolve(runtime) is not var (cluster, c)) return FaultEffect.Nothing("no controller to crash");
        var node = c.Node;
        if (!runtime.NodeDown(node)) return new(FaultHit.On(node, $"{node.Name} (already down)"), () => runtime.NodeUp(node));
        if (Graceful) cluster.ShutdownController(c.Id);
        else cluster.CrashController(c.Id);
        return new(FaultHit.On(node, $"controller {c.Id} on {node.Name}{(Graceful ? " (clean)" : "")}"), () => { if (runtime.NodeUp(node)) cluster.RestartController(c.Id); });
    }

    public static Fault? Read(FaultFields f)
    {
        bool graceful = f.Choice("mode", "hard", "clean") == "clean";
        var target = f.One("target", p => f.Names.Controller(p, f.Cluster));
        return target is null ? null : new ControllerCrash(f.At, f.Duration, target) { Graceful = graceful };
    }
}
