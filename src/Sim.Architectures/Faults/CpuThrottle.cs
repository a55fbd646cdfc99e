namespace Sim.Architectures.Faults;

/// <summary>
/// <c>cpu-throttle</c>: <see cref="Cores"/> CPU-bound processes start on a broker's host and compete with the
/// broker for its cores until the fault ends (seed 003's chaos level 1 "CPU throttling"; stress-ng --cpu N,
/// Chaos Mesh StressChaos, Gremlin's CPU attack). The broker's network threads, request handlers and replica
/// fetchers then wait for a core behind them, so its request latency rises with its load, and a broker that was
/// near its CPU limit falls behind (a follower's fetches lag until replica.lag.time.max.ms drops it from the ISR).
/// </summary>
public sealed record CpuThrottle(Sim.Core.Time.SimTime At, Sim.Core.Time.SimDuration? Duration, BrokerRef Target, int Cores) : Fault(At, Duration)
{
    public override string Kind => FaultKind.CpuThrottle;

    public override string TargetText => Target.ToString()!;

    public override IEnumerable<string> TrailingFields => [$"cores: {Cores}"];

    public override FaultEffect Apply(FaultRuntime runtime)
    {
        if (Target.Resolve(runtime) is not var (cluster, id)) return FaultEffect.Nothing("no broker");
        var b = cluster.Broker(id);
        b.StartCpuHogs(Cores);
        return new(FaultHit.On(b.Node, $"{b.Node.Name}: {Cores} CPU hogs on its {b.Cores.Servers} cores"), () => b.StopCpuHogs(Cores));
    }

    public static Fault? Read(FaultFields f)
    {
        var target = f.One("target", p => f.Names.Broker(p, f.Cluster));
        var cores = f.Integer("cores", 1, 1024);
        if (cores is null && !f.Has("cores")) f.Error("cores", "cpu-throttle needs 'cores': how many CPU-bound processes to run beside the broker (each can take one core)");
        return target is null || cores is null ? null : new CpuThrottle(f.At, f.Duration, target, cores.Value);
    }
}
