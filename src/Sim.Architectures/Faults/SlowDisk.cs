using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary><c>slow-disk</c>: each disk write of a broker takes <see cref="Latency"/> longer (a failing or saturated volume).</summary>
public sealed record SlowDisk(SimTime At, SimDuration? Duration, BrokerRef Target, SimDuration Latency) : Fault(At, Duration)
{
    public override string Kind => FaultKind.SlowDisk;

    public override string TargetText => Target.ToString()!;

    public override IEnumerable<string> TrailingFields => [$"latency: {Latency}"];

    public override FaultEffect Apply(FaultRuntime runtime)
    {
        if (Target.Resolve(runtime) is not var (cluster, id)) return FaultEffect.Nothing("no broker");
        var b = cluster.Broker(id);
        b.SlowDiskLatency += Latency;
        return new(FaultHit.On(b.Node, $"{b.Node.Name} +{Latency} per write"), () => b.SlowDiskLatency -= Latency);
    }

    public static Fault? Read(FaultFields f)
    {
        var target = f.One("target", p => f.Names.Broker(p, f.Cluster));
        var latency = f.Span("latency") ?? SimDuration.Zero;
        if (latency.Nanoseconds <= 0) { f.Error("latency", "slow-disk needs a positive latency per write"); return null; }
        return target is null ? null : new SlowDisk(f.At, f.Duration, target, latency);
    }
}
