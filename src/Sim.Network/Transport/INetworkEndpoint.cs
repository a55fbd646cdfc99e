namespace Sim.Network.Transport;

/// <summary>The protocol code running on a node: what the network hands messages to.</summary>
public interface INetworkEndpoint
{
    /// <summary>A message addressed to this node arrived.</summary>
    void OnMessage(NetMessage message);

    /// <summary>
    /// A connection this node opened has ended, and <paramref name="message"/> was not delivered. Either
    /// it reached a host whose process was not running, and the host answered with a reset (the way a
    /// Kafka client learns of a dead broker without waiting for a request timeout), or TCP gave up on it
    /// after tcp_retries2 lost retransmissions, when the last retransmission timeout expired (Linux's
    /// ETIMEDOUT; also when a cut outlasts those retransmissions); in the second case nothing sent on that
    /// connection after it arrives either. Messages held by a cut, and messages lost to filters or to dark
    /// hosts, produce no callback: only timeouts reveal those.
    /// </summary>
    void OnConnectionClosed(NetMessage message);
}
