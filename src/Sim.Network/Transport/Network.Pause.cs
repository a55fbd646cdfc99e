using Sim.Core.Time;
using Sim.Network.Topology;

namespace Sim.Network.Transport;

public sealed partial class Network
{
    // Per paused node, what arrived for its process meanwhile (a message, or news of a closed
    // connection), in arrival order; null while the node runs.
    private readonly Queue<(NetMessage Message, bool Closed)>?[] _paused;
    private int _releaseKind = -1;

    /// <summary>Whether the processes of <paramref name="node"/> are paused (<see cref="Pause"/>).</summary>
    public bool IsPaused(Node node) => _paused[node.Index] is not null;

    /// <summary>
    /// Pauses every process on <paramref name="node"/>, as SIGSTOP or a stop-the-world GC pause does: the
    /// host stays up and its kernel keeps the connections open and acknowledges what arrives (so senders
    /// see no TCP error), but nothing reads it, and the processes' own timers do not fire
    /// (<see cref="Sim.Core.Scheduling.Scheduler.Hold"/>). Kafka: kafkatest's pause of a broker by SIGSTOP
    /// (<c>KafkaService.signal_node(sig=signal.SIGSTOP)</c>), Trogdor's ProcessStopFault.
    /// </summary>
    public void Pause(Node node)
    {
        if (_paused[node.Index] is not null) return;
        _paused[node.Index] = new Queue<(NetMessage, bool)>();
        _scheduler.Hold(node.Index);
    }

    /// <summary>
    /// Resumes the paused processes of <paramref name="node"/> (SIGCONT): their overdue timers fire, and
    /// what arrived meanwhile is read, in arrival order, right after.
    /// </summary>
    public void Resume(Node node)
    {
        var queued = _paused[node.Index];
        if (queued is null) return;
        _paused[node.Index] = null;
        _scheduler.Release(node.Index);
        if (_releaseKind < 0) _releaseKind = _scheduler.Kinds.Register("net:read-after-pause");
        while (queued.TryDequeue(out var item))
            _scheduler.Schedule(SimDuration.Zero, this, _releaseKind, item.Closed ? 1 : 0, item.Message);
    }

    /// <summary>Gives a message (or news that its connection closed) to the process on <paramref name="node"/>, or queues it while the node is paused.</summary>
    private void HandOver(int node, NetMessage message, bool closed)
    {
        if (_paused[node] is { } queue)
        {
            queue.Enqueue((message, closed));
            return;
        }
        var endpoint = _endpoints[node];
        if (closed)
        {
            endpoint?.OnConnectionClosed(message);
            return;
        }
        Tap?.Delivered(message, Topology.Nodes[message.Source], Topology.Nodes[node], _scheduler.Now);
        endpoint?.OnMessage(message);
    }

    /// <summary>Reads, after a pause, what arrived during it, unless the node has stopped or gone dark since.</summary>
    private void ReadAfterPause(NetMessage message, bool closed)
    {
        int node = closed ? message.Source : message.Destination;
        if (_states[node] != NodeState.Up) return;
        HandOver(node, message, closed);
    }
}
