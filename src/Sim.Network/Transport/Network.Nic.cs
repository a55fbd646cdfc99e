using Sim.Network.Topology;

namespace Sim.Network.Transport;

public sealed partial class Network
{
    /// <summary>
    /// Gives <paramref name="node"/> a network card: from now on its messages wait for the card's out
    /// transmitter before the link, and messages to it for the card's in transmitter after the link.
    /// A node without one (client hosts, unless given) is limited by its links only.
    /// </summary>
    public void SetNic(Node node, NicProfile profile)
    {
        _nicOut[node.Index] = new NicTransmitter(profile);
        _nicIn[node.Index] = new NicTransmitter(profile);
    }

    /// <summary>The out (sending) direction of <paramref name="node"/>'s card, if it has one.</summary>
    public NicTransmitter? NicOut(Node node) => _nicOut[node.Index];

    /// <summary>The in (receiving) direction of <paramref name="node"/>'s card, if it has one.</summary>
    public NicTransmitter? NicIn(Node node) => _nicIn[node.Index];
}
