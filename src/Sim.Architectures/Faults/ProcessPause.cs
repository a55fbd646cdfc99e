using Sim.Core.Time;
using Sim.Network.Topology;
using Sim.Network.Transport;

namespace Sim.Architectures.Faults;

/// <summary>
/// <c>process-pause</c>: the processes on the target's nodes stop running for the duration, as SIGSTOP
/// then SIGCONT, or a stop-the-world GC pause, does: the host keeps its connections and the process its
/// state, but no timer fires and no message is read (what arrives queues); every other node runs on. On
/// resume the process acts on what it knew before the pause: a leader fenced meanwhile still thinks it
/// leads until a follower's fetch, a heartbeat response or the metadata log tells it otherwise.
/// Targets: a broker or controller (by name or role), a MirrorMaker 2 worker or a client host by node
/// name. A combined-mode node pauses its broker and controller together (one JVM). Kafka: kafkatest
/// <c>KafkaService.signal_node(node, signal.SIGSTOP)</c> in replication_test's <c>clean_bounce</c>/<c>hard_bounce</c>
/// variants and round_trip_fault_test, Trogdor's ProcessStopFault.
/// </summary>
public sealed record ProcessPause(SimTime At, SimDuration? Duration, Targets<NodeRef> Target) : Fault(At, Duration)
{
    public override string Kind => FaultKind.ProcessPause;

    public override string TargetText => Target.ToString();

    public override FaultEffect Apply(FaultRuntime runtime)
    {
        var net = runtime.Network;
        // Only a running process can be stopped; a node already paused by another fault stays paused
        // until that fault resumes it.
        var paused = NodeRef.ResolveAll(Target, runtime).Where(n => net.StateOf(n) == NodeState.Up && !net.IsPaused(n)).ToList();
        if (paused.Count == 0) return FaultEffect.Nothing("nothing running to pause");
        foreach (var n in paused) net.Pause(n);
        return new(FaultHit.OnNodes(paused, $"{string.Join(",", paused.Select(n => n.Name))} paused"), () =>
        {
            foreach (var n in paused) net.Resume(n);
        });
    }

    public static Fault? Read(FaultFields f)
    {
        var target = f.Each("target", p => f.Names.Process(p, f.Cluster));
        return target is null ? null : new ProcessPause(f.At, f.Duration, target);
    }
}
