using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary>
/// <c>broker-crash</c>: a broker stops (power loss, process crash, or controlled shutdown, see
/// <see cref="CrashMode"/>) and restarts after the duration. Kafka: KafkaServer shutdown and
/// ControlledShutdownRequest (KIP-500's BrokerLifecycleManager for KRaft).
/// </summary>
public sealed record BrokerCrash(SimTime At, SimDuration? Duration, BrokerRef Target) : Fault(At, Duration)
{
    public CrashMode Mode { get; init; } = CrashMode.Hard;

    public override string Kind => FaultKind.BrokerCrash;

    public override string TargetText => Target.ToString()!;

    public override IEnumerable<string> LeadingFields => ["mode: " + Mode.ToString().ToLowerInvariant()];

    public override FaultEffect Apply(FaultRuntime runtime)
    {
        if (Target.Resolve(runtime) is not var (cluster, id)) return FaultEffect.Nothing("no broker to crash");
        var node = cluster.Broker(id).Node;
        if (!runtime.NodeDown(node)) return new(FaultHit.On(node, $"{node.Name} (already down)"), () => runtime.NodeUp(node));
        if (Mode == CrashMode.Clean) cluster.Broker(id).BeginControlledShutdown();
        else cluster.CrashBroker(id, powerLoss: Mode == CrashMode.Hard);
        return new(FaultHit.On(node, $"{node.Name} ({Mode.ToString().ToLowerInvariant()})"), () => { if (runtime.NodeUp(node)) cluster.RestartBroker(id); });
    }

    public static Fault? Read(FaultFields f)
    {
        var mode = f.Mode();
        var target = f.One("target", p => f.Names.Broker(p, f.Cluster));
        return target is null ? null : new BrokerCrash(f.At, f.Duration, target) { Mode = mode };
    }
}
