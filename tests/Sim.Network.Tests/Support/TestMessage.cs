using Sim.Network.Transport;

namespace Sim.Network.Tests.Support;

/// <summary>
/// The smallest possible protocol message: a size the test chooses and a sequence number that says
/// in which order it was handed to the network, so order and loss can be read off the deliveries.
/// </summary>
internal sealed class TestMessage(int sizeBytes, long sequence) : NetMessage
{
    public int Size { get; set; } = sizeBytes;

    public long Sequence { get; set; } = sequence;

    public override int SizeBytes => Size;

    /// <summary>The client on the node that owns the message's connection (-1: none).</summary>
    public int Owner { get; set; } = -1;

    public override int ConnectionOwner => Owner;

    public override string ToString() => $"#{Sequence} {Source}->{Destination} ({Size}B)";
}
