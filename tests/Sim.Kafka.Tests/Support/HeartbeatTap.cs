using Sim.Core.Time;
using Sim.Kafka.Protocol;
using Sim.Network.Transport;

namespace Sim.Kafka.Tests.Support;

/// <summary>
/// Sits between the network and the controllers' nodes and notes every broker heartbeat that reaches a
/// controller, then hands each message on unchanged. It lets a test measure fencing from the last
/// heartbeat the controller actually received, as BrokerHeartbeatManager does, rather than guess it.
/// </summary>
public sealed class HeartbeatTap : INetworkEndpoint
{
    private readonly INetworkEndpoint _inner;
    private readonly Func<SimTime> _now;
    private readonly int _controllerId;
    private readonly List<(SimTime At, int Broker, int Controller)> _log;

    private HeartbeatTap(INetworkEndpoint inner, Func<SimTime> now, int controllerId, List<(SimTime, int, int)> log)
    {
        _inner = inner;
        _now = now;
        _controllerId = controllerId;
        _log = log;
    }

    /// <summary>Taps every controller node of <paramref name="t"/>; the returned list fills as heartbeats arrive.</summary>
    public static List<(SimTime At, int Broker, int Controller)> Install(KafkaScenario t)
    {
        var log = new List<(SimTime, int, int)>();
        foreach (var c in t.Cluster.Controllers)
        {
            var host = t.Cluster.Context.Host(c.Node);
            t.Network.Attach(c.Node, new HeartbeatTap(host, () => t.Now, c.Id, log));
        }
        return log;
    }

    public void OnMessage(NetMessage message)
    {
        if (message is BrokerHeartbeatRequest hb) _log.Add((_now(), hb.BrokerId, _controllerId));
        _inner.OnMessage(message);
    }

    public void OnConnectionClosed(NetMessage message) => _inner.OnConnectionClosed(message);
}
