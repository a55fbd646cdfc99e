using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary>
/// <c>disk-failure</c>: a broker's disks fail and lose what they held. Its log directories go offline
/// (LogDirFailureChannel, KIP-112) and, with none left, the broker halts (LogManager.handleLogDirFailure);
/// its host stays up. After the duration the disk is replaced: the broker starts with empty logs (an unclean
/// start) and fetches every replica again from its leader, so it rejoins the ISRs only once it has caught up.
/// A partition whose only in-sync replica was on the failed disk has lost its data (KafkaBroker.LoseLogs).
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
        cluster.FailBrokerDisks(id, "disk failure: I/O errors on every log directory");
        return new(FaultHit.On(b.Node, $"{b.Node.Name} (disks lost)"), () => { if (!runtime.IsDown(b.Node)) cluster.RestartBroker(id); });
    }

    public static Fault? Read(FaultFields f)
    {
        var target = f.One("target", p => f.Names.Broker(p, f.Cluster));
        return target is null ? null : new DiskFailure(f.At, f.Duration, target);
    }
}
