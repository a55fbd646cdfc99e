using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary>
/// <c>consumer-crash</c>: a consumer application instance is killed (kill -9, a pod eviction): it sends no
/// LeaveGroup, so its group's coordinator notices only when <c>session.timeout.ms</c> passes without a heartbeat,
/// and only then moves its partitions to the other members. With a duration, the instance starts again afterwards
/// and joins as a new member (static membership, KIP-345, is not modelled), which rebalances the group again.
/// </summary>
public sealed record ConsumerCrash(SimTime At, SimDuration? Duration, ConsumerRef Target) : Fault(At, Duration)
{
    public override string Kind => FaultKind.ConsumerCrash;

    public override string TargetText => Target.ToString()!;

    public override FaultEffect Apply(FaultRuntime runtime)
    {
        var app = Target.Resolve(runtime);
        if (app is null) return FaultEffect.Nothing("no running consumer");
        if (app.Suspended) return FaultEffect.Nothing($"{app.Name} (already down)");
        app.Suspend();
        return new(FaultHit.On(app.Node, app.Name), app.Resume);
    }

    public static Fault? Read(FaultFields f)
    {
        var target = f.One("target", f.Names.Consumer);
        return target is null ? null : new ConsumerCrash(f.At, f.Duration, target);
    }
}
