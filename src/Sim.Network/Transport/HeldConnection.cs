namespace Sim.Network.Transport;

/// <summary>
/// What the sender's TCP keeps of one connection (an ordered node pair and the process owning it) whose data a cut is dropping: the
/// unacknowledged messages, in the order they were sent, and where the retransmission timer stands.
/// One object per connection, reused from one cut to the next, so holding allocates nothing per message
/// once the list has grown.
/// </summary>
/// <remarks>
/// Invariants: while <see cref="Active"/>, <see cref="Messages"/> is non-empty and ordered by send time, and
/// exactly one retransmission event carrying the current <see cref="Epoch"/> is pending; an event with an
/// older epoch is stale and ignored.
/// </remarks>
internal sealed class HeldConnection(int source, int destination, int owner)
{
    public int Source { get; } = source;
    public int Destination { get; } = destination;

    /// <summary>The process the connection belongs to (<see cref="NetMessage.ConnectionOwner"/>).</summary>
    public int Owner { get; } = owner;

    /// <summary>The held messages, oldest (the segment TCP retransmits) first.</summary>
    public List<NetMessage> Messages { get; } = [];

    public bool Active { get; set; }

    /// <summary>Bumped whenever the hold ends, so its pending timer is recognised as stale.</summary>
    public int Epoch { get; set; }

    /// <summary>The sender's incarnation when the hold began: a sender that restarted has lost its send buffer.</summary>
    public int SourceIncarnation { get; set; }

    /// <summary>The connection's generation when the hold began.</summary>
    public int Generation { get; set; }

    /// <summary>Retransmissions made so far (all lost).</summary>
    public int Retransmissions { get; set; }

    /// <summary>When the retransmission timer next expires.</summary>
    public long NextTimeoutNs { get; set; }

    /// <summary>The timeout that will follow the next expiry (already doubled and capped).</summary>
    public long RtoNs { get; set; }

    /// <summary>Inserts <paramref name="message"/> after every held message sent no later than it.</summary>
    public void InsertInSendOrder(NetMessage message)
    {
        int i = Messages.Count;
        while (i > 0 && Messages[i - 1].SentAt > message.SentAt) i--;
        Messages.Insert(i, message);
    }
}
