using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary>
/// <c>disk-failure</c>: a broker's disks fail and lose what they held. Its log directories go offline
/// (LogDirFailureChannel, KIP-112) and, with none left, the broker process halts (LogManager.handleLogDirFailure,
/// Exit.halt): the JVM exits, taking a combined-mode controller in it too, and the host, still up, refuses
/// connections to it, so clients and followers see resets at once and the controller fences the broker when its
/// session lapses (broker.session.timeout.ms). The process stays down, counted as a fault holding its node, until
/// the disk is replaced after the duration: then it starts with empty logs (an unclean start) and fetches every
/// replica again from its leader, so it rejoins the ISRs only once it has caught up. A partition whose only
/// in-sync replica was on the failed disk has lost its data (KafkaBroker.LoseLogs).
/// </summary>
public sealed record DiskFailure(SimTime At, SimDuration? Duration, BrokerRef Target) : Fault(At, Duration)
{
    public override string Kind => FaultKind.DiskFailure;

    public override string TargetText => Target.ToString()!;

    public override FaultEffect Apply(FaultRuntime runtime)
    {
        if (Target.Resolve(runtime) is not var (cluster, id)) return FaultEffect.Nothing("no broker");
        var b = cluster.Broker(id);
        if (!b.Alive) return FaultEffect.Nothing($"{b.Node.Name} (already down)");
        // The halted process holds its node down like a crash: a fault overlapping it neither restarts it early
        // nor, ending first, brings it back before the disk is replaced.
        runtime.NodeDown(b.Node);
        cluster.FailBrokerDisks(id, "disk failure: I/O errors on every log directory");
        return new(FaultHit.On(b.Node, $"{b.Node.Name} (disks lost)"), () => { if (runtime.NodeUp(b.Node)) cluster.RestartBroker(id); });
    }

    public static Fault? Read(FaultFields f)
    {
        var target = f.One("target", p => f.Names.Broker(p, f.Cluster));
        return target is null ? null : new DiskFailure(f.At, f.Duration, target);
    }
}
