using Sim.Core.Time;
using Sim.Network.Topology;

namespace Sim.Network.Transport;

/// <summary>
/// Watches messages as the network hands them to a running destination: the raw material of space-time
/// diagrams. A tap only reads; messages may be pooled, so it copies what it keeps.
/// </summary>
public interface INetworkTap
{
    void Delivered(NetMessage message, Node from, Node to, SimTime at);
}
