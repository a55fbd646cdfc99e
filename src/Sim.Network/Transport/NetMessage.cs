using Sim.Core.Time;

namespace Sim.Network.Transport;

/// <summary>
/// Anything sent over the network: a produce request, a fetch response, a heartbeat. Protocol layers
/// derive their messages from it (and may pool them); the network fills in the addressing fields on
/// <see cref="Network.Send"/> and never allocates a wrapper of its own.
/// </summary>
public abstract class NetMessage
{
    /// <summary>The sending node's index.</summary>
    public int Source { get; internal set; } = -1;

    /// <summary>The receiving node's index.</summary>
    public int Destination { get; internal set; } = -1;

    /// <summary>Bytes on the wire, headers included; what bandwidth and transfer cost are charged for.</summary>
    public abstract int SizeBytes { get; }

    /// <summary>When the message was handed to the network.</summary>
    public SimTime SentAt { get; internal set; }

    /// <summary>How many times TCP had to retransmit it because of loss.</summary>
    public int Retransmissions { get; internal set; }

    /// <summary>
    /// Which process on its node the connection carrying this message belongs to (-1: the node's own
    /// server processes). Several clients share a node pair in this model; when one closes its connection
    /// (<see cref="Network.Disconnect"/>) only messages with its tag are discarded.
    /// </summary>
    public virtual int ConnectionOwner => -1;

    // The destination's incarnation at send time: a message addressed to a node that has since
    // restarted belonged to a connection that no longer exists and is not delivered.
    internal int DestinationIncarnation;

    // The sender's incarnation at send time: a give-up on this message concerns the process that sent
    // it, not one that has since restarted on the same node.
    internal int SourceIncarnation;

    // The generation of the (source, destination) connection at send time: a message sent on a
    // connection that TCP has since given up on is behind a hole that is never filled, so it is not
    // delivered.
    internal int ConnectionGeneration;
}
