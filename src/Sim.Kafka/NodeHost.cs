using Sim.Kafka.Protocol;
using Sim.Network.Transport;

namespace Sim.Kafka;

/// <summary>A component on a node that receives Kafka messages.</summary>
public interface IKafkaEndpoint
{
    void Receive(KafkaMessage message);

    /// <summary>A message this component sent met a closed connection (the peer's process is down).</summary>
    void ConnectionClosed(KafkaMessage message);
}

/// <summary>
/// The network endpoint of a node: hands each message to the broker, the controller or the client on
/// the node it is addressed to, so one node can run a combined broker and controller, or many clients.
/// </summary>
public sealed class NodeHost : INetworkEndpoint
{
    private readonly Dictionary<int, IKafkaEndpoint> _clients = [];

    public IKafkaEndpoint? Broker { get; set; }
    public IKafkaEndpoint? Controller { get; set; }

    public void AddClient(int clientId, IKafkaEndpoint client) => _clients.Add(clientId, client);

    public void OnMessage(NetMessage message)
    {
        var m = (KafkaMessage)message;
        Route(m.To, m.ClientId)?.Receive(m);
    }

    public void OnConnectionClosed(NetMessage message)
    {
        var m = (KafkaMessage)message;
        Route(m.From, m.ClientId)?.ConnectionClosed(m);
    }

    private IKafkaEndpoint? Route(Component role, int clientId) => role switch
    {
        Component.Broker => Broker,
        Component.Controller => Controller,
        _ => _clients.GetValueOrDefault(clientId),
    };
}
