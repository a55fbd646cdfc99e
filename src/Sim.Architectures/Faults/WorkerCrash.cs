using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary><c>mm2-worker-crash</c>: a MirrorMaker 2 Connect worker crashes; its tasks move after the rebalance delay (Kafka Connect's DistributedHerder).</summary>
public sealed record WorkerCrash(SimTime At, SimDuration? Duration, WorkerRef Target) : Fault(At, Duration)
{
    public override string Kind => FaultKind.WorkerCrash;

    public override string TargetText => Target.ToString()!;

    public override FaultEffect Apply(FaultRuntime runtime)
    {
        var mm = runtime.Run.Simulation.MirrorMaker!;
        var worker = Target.Resolve(runtime);
        if (worker is null) return FaultEffect.Nothing("no worker");
        var node = runtime.Network.Topology.Node(worker);
        if (!runtime.NodeDown(node)) return new(FaultHit.On(node, $"{worker} (already down)"), () => runtime.NodeUp(node));
        mm.CrashWorker(worker);
        return new(FaultHit.On(node, worker), () => { if (runtime.NodeUp(node)) mm.RestartWorker(worker); });
    }

    public static Fault? Read(FaultFields f)
    {
        var target = f.One("target", f.Names.Worker);
        return target is null ? null : new WorkerCrash(f.At, f.Duration, target);
    }
}
