using Sim.Core.Time;
using Sim.Kafka.Protocol;
using Sim.Network.Transport;

namespace Sim.Kafka.Tests.Support;

/// <summary>
/// Sits between the network and the controllers' nodes and notes the requests of one kind that reach a
/// controller, then hands each message on unchanged. It lets a test measure what the controller actually
/// received: fencing from the last heartbeat, as BrokerHeartbeatManager does, or the ISR changes leaders asked for.
/// </summary>
public sealed class ControllerTap : INetworkEndpoint
{
    private readonly INetworkEndpoint _inner;
    private readonly Func<SimTime> _now;
    private readonly int _controllerId;
    private readonly Action<SimTime, NetMessage, int> _note;

    private ControllerTap(INetworkEndpoint inner, Func<SimTime> now, int controllerId, Action<SimTime, NetMessage, int> note)
    {
        _inner = inner;
        _now = now;
        _controllerId = controllerId;
        _note = note;
    }

    /// <summary>Every broker heartbeat reaching a controller of <paramref name="t"/>; the list fills as they arrive.</summary>
    public static List<(SimTime At, int Broker, int Controller)> Heartbeats(KafkaScenario t)
    {
        var log = new List<(SimTime, int, int)>();
        Install(t, (at, m, c) => { if (m is BrokerHeartbeatRequest hb) log.Add((at, hb.BrokerId, c)); });
        return log;
    }

    /// <summary>Every broker heartbeat request reaching a controller of <paramref name="t"/>, with what it reported; the list fills as they arrive.</summary>
    public static List<(SimTime At, BrokerHeartbeatRequest Request)> HeartbeatRequests(KafkaScenario t)
    {
        var log = new List<(SimTime, BrokerHeartbeatRequest)>();
        Install(t, (at, m, _) => { if (m is BrokerHeartbeatRequest hb) log.Add((at, hb)); });
        return log;
    }

    /// <summary>Every AlterPartition request reaching a controller of <paramref name="t"/>; the list fills as they arrive.</summary>
    public static List<(SimTime At, AlterPartitionRequest Request)> AlterPartitions(KafkaScenario t)
    {
        var log = new List<(SimTime, AlterPartitionRequest)>();
        Install(t, (at, m, _) => { if (m is AlterPartitionRequest a) log.Add((at, a)); });
        return log;
    }

    private static void Install(KafkaScenario t, Action<SimTime, NetMessage, int> note)
    {
        foreach (var c in t.Cluster.Controllers)
        {
            var host = t.Cluster.Context.Host(c.Node);
            t.Network.Attach(c.Node, new ControllerTap(host, () => t.Now, c.Id, note));
        }
    }

    public void OnMessage(NetMessage message)
    {
        _note(_now(), message, _controllerId);
        _inner.OnMessage(message);
    }

    public void OnConnectionClosed(NetMessage message) => _inner.OnConnectionClosed(message);
}
