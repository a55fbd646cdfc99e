using Sim.Network.Transport;

namespace Sim.Kafka.Protocol;

/// <summary>Which component of a node a message is for (a node may run a broker, a controller and clients).</summary>
public enum Component : byte
{
    Broker,
    Controller,
    Client,
}

/// <summary>
/// The base of every Kafka protocol message: who it is for and from (role and, for clients, the client
/// id on that node), a correlation id matching responses to requests, and a size on the wire computed
/// from what it carries (a fixed header plus record bytes), which is what links charge for.
/// </summary>
public abstract class KafkaMessage : NetMessage
{
    /// <summary>Request and response header bytes, as Kafka's protocol headers are tens of bytes.</summary>
    public const int HeaderBytes = 64;

    public Component To { get; init; }
    public Component From { get; init; }

    /// <summary>The client on the receiving (responses) or sending (requests) node; -1 for servers.</summary>
    public int ClientId { get; init; } = -1;

    /// <summary>Each client's NetworkClient has its own connections, so the client owns the connection its messages travel on.</summary>
    public override int ConnectionOwner => ClientId;

    public long CorrelationId { get; init; }

    public override int SizeBytes => HeaderBytes + PayloadBytes;

    /// <summary>Bytes beyond the header: records, partition entries.</summary>
    protected virtual int PayloadBytes => 0;
}
