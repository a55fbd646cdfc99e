using Sim.Core.Scheduling;
using Sim.Network.Topology;
using Sim.Network.Transport;

namespace Sim.Network.Tests.Support;

/// <summary>
/// An endpoint that logs every callback with the virtual time it came at, both in its own lists and in
/// the logs it shares with the other endpoints of a fixture (which keep the global delivery order).
/// Adding to a list that has already grown allocates nothing, so it can run under the allocation test.
/// </summary>
internal sealed class RecordingEndpoint(Scheduler scheduler, Node node, List<Delivery> allReceived, List<Delivery> allClosed) : INetworkEndpoint
{
    public Node Node { get; } = node;

    public List<Delivery> Received { get; } = [];

    public List<Delivery> Closed { get; } = [];

    public void OnMessage(NetMessage message)
    {
        var d = new Delivery(scheduler.Now, (TestMessage)message);
        Received.Add(d);
        allReceived.Add(d);
    }

    public void OnConnectionClosed(NetMessage message)
    {
        var d = new Delivery(scheduler.Now, (TestMessage)message);
        Closed.Add(d);
        allClosed.Add(d);
    }

    public void Clear()
    {
        Received.Clear();
        Closed.Clear();
    }
}
