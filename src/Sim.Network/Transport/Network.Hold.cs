using Sim.Core.Time;
using Sim.Network.Links;
using Sim.Network.Topology;

namespace Sim.Network.Transport;

/// <summary>
/// TCP across a cut. A cut does not lose what an established connection sends: the data stays in the
/// sender's send buffer and TCP retransmits the oldest unacknowledged segment each time its retransmission
/// timer expires, the timeout starting at the connection's RTO (SRTT + rto_min, RFC 6298 §2; Linux rto_min
/// 200 ms) and doubling (RFC 6298 §5.5) up to TCP_RTO_MAX = 120 s (Linux include/net/tcp.h). The first
/// retransmission that finds the path open gets through, and the held messages arrive one propagation delay
/// later, in order, with everything queued behind them (head-of-line). When the 15th retransmission
/// (Linux tcp_retries2, tcp(7)) is lost too, the connection is given up when the next timeout expires,
/// 924.6 s after the first loss from a 200 ms RTO: its generation moves on, the held messages are
/// discarded and the sender is told, as for a segment lost to random loss.
/// <para>
/// The rule for one-way cuts: a connection holds its data when its data direction (sender to receiver) is
/// cut. A cut of the reverse direction only loses acknowledgements: the receiver's TCP accepts and delivers
/// the data all the same, so the data is delivered (the sender's spurious retransmissions, and the give-up
/// that 924.6 s without an acknowledgement would bring, are not modelled). Filters (cuts with
/// <see cref="Faults.Cut.Only"/>) stand for application-level drops and still drop.
/// </para>
/// </summary>
public sealed partial class Network
{
    // Holds by (node pair, connection owner): each client has its own TCP connection, so one client's held
    // data never holds back another's. Looked up only, never enumerated for scheduling.
    private readonly Dictionary<long, HeldConnection> _held = [];
    private int _retransmitKind = -1;

    private static long HoldKey(int connection, int owner) => ((long)connection << 32) | (uint)owner;

    // How many holds are in force: with none (nearly always), every send and delivery skips the lookup.
    private int _activeHolds;

    /// <summary>The hold of <paramref name="owner"/>'s connection, or null; with no hold in force, null at once (every caller wants an active one).</summary>
    private HeldConnection? HoldOf(int connection, int owner) =>
        _activeHolds > 0 && _held.TryGetValue(HoldKey(connection, owner), out var h) ? h : null;

    /// <summary>How many messages a cut holds from <paramref name="from"/> to <paramref name="to"/> on the connection of <paramref name="owner"/>.</summary>
    public int HeldMessages(Node from, Node to, int owner = -1) =>
        HoldOf(from.Index * _nodeCount + to.Index, owner) is { Active: true } h ? h.Messages.Count : 0;

    /// <summary>When the held connection of <paramref name="owner"/> from <paramref name="from"/> to <paramref name="to"/> next retransmits (or gives up); null if nothing is held.</summary>
    public SimTime? NextRetransmission(Node from, Node to, int owner = -1) =>
        HoldOf(from.Index * _nodeCount + to.Index, owner) is { Active: true } h ? new SimTime(h.NextTimeoutNs) : null;

    /// <summary>
    /// The process on <paramref name="client"/> that owns connections tagged <paramref name="owner"/>
    /// (<see cref="NetMessage.ConnectionOwner"/>) closes its connection to <paramref name="peer"/>, as Kafka's
    /// NetworkClient does when a request times out (handleTimedOutRequests → processTimeoutDisconnection):
    /// what a cut still holds of that connection, either way, is discarded, so a late delivery after the cut
    /// heals never resurrects a request the client gave up on, nor a response to it. Several clients share a
    /// node pair in this model, so only the owner's connection goes; the others' stay held.
    /// </summary>
    public void Disconnect(Node client, Node peer, int owner)
    {
        DiscardOwned(client.Index * _nodeCount + peer.Index, owner);
        DiscardOwned(peer.Index * _nodeCount + client.Index, owner);
    }

    private void DiscardOwned(int connection, int owner)
    {
        if (HoldOf(connection, owner) is not { Active: true } h) return;
        Dropped += h.Messages.Count;
        EndHold(h);
    }

    /// <summary>The hold of <paramref name="owner"/>'s connection if one is in force and still belongs to the live connection; a stale one is discarded.</summary>
    private HeldConnection? ActiveHold(int connection, int owner)
    {
        if (HoldOf(connection, owner) is not { Active: true } h) return null;
        if (_states[h.Source] == NodeState.Up && _incarnations[h.Source] == h.SourceIncarnation &&
            _connectionGenerations[connection] == h.Generation)
            return h;
        // The sender stopped or restarted (its send buffer went with it), or the connection ended.
        Dropped += h.Messages.Count;
        EndHold(h);
        return null;
    }

    /// <summary>Keeps <paramref name="message"/> in its sender's send buffer: a cut drops its data direction, or earlier data is held.</summary>
    private void Hold(int connection, NetMessage message)
    {
        int src = message.Source;
        if (_states[src] != NodeState.Up || _incarnations[src] != message.SourceIncarnation)
        {
            Dropped++;
            return;
        }
        int owner = message.ConnectionOwner;
        if (ActiveHold(connection, owner) is { } held)
        {
            held.InsertInSendOrder(message);
            if (held.Messages[0] == message && held.Retransmissions == 0) RearmForEarlierHead(held, message);
            return;
        }
        if (_retransmitKind < 0) _retransmitKind = _scheduler.Kinds.Register("net:retransmit");
        long key = HoldKey(connection, owner);
        if (!_held.TryGetValue(key, out var h)) _held.Add(key, h = new HeldConnection(src, message.Destination, owner));
        if (!h.Active) _activeHolds++;
        h.Active = true;
        h.SourceIncarnation = message.SourceIncarnation;
        h.Generation = message.ConnectionGeneration;
        h.Retransmissions = 0;
        h.Messages.Add(message);
        // The first timeout runs from the message's first transmission; a message queued so long that its
        // timer would already have expired retransmits at once.
        h.RtoNs = LinkOf(h).InitialRtoNs;
        ArmTimer(h, Math.Max(message.SentAt.Nanoseconds + h.RtoNs, _scheduler.Now.Nanoseconds));
    }

    /// <summary>
    /// A message that was on the wire when the cut began arrived at the cut after a later one was held: TCP's
    /// timer has run since the oldest unacknowledged segment was sent (RFC 6298 §5.1), so it expires earlier.
    /// </summary>
    private void RearmForEarlierHead(HeldConnection h, NetMessage head)
    {
        long rto = LinkOf(h).InitialRtoNs;
        long at = Math.Max(head.SentAt.Nanoseconds + rto, _scheduler.Now.Nanoseconds);
        if (at >= h.NextTimeoutNs) return;
        h.Epoch++;
        h.RtoNs = rto;
        ArmTimer(h, at);
    }

    private void ArmTimer(HeldConnection h, long atNs)
    {
        h.NextTimeoutNs = atNs;
        _scheduler.ScheduleAt(new SimTime(atNs), this, _retransmitKind, h.Epoch, h);
        h.RtoNs = LinkState.BackedOffRtoNs(h.RtoNs);
    }

    private LinkState LinkOf(HeldConnection h) => LinkBetween(Topology.Nodes[h.Source], Topology.Nodes[h.Destination]);

    private void OnRetransmissionTimeout(HeldConnection h, long epoch)
    {
        int connection = h.Source * _nodeCount + h.Destination;
        if (epoch != h.Epoch || ActiveHold(connection, h.Owner) is null) return;
        var link = LinkOf(h);
        if (h.Retransmissions == MaxRetransmissions)
        {
            // The timeout after the last permitted retransmission expired: TCP gives up (Linux ETIMEDOUT).
            var head = h.Messages[0];
            Dropped += h.Messages.Count;
            EndHold(h);
            EndConnection(head);
            return;
        }
        h.Retransmissions++;
        if (IsBlocked(h.Source, h.Destination))
        {
            link.CountRetransmission(h.Messages[0].SizeBytes);
            ArmTimer(h, _scheduler.Now.Nanoseconds + h.RtoNs);
            return;
        }
        // The segment is charged once, by Transmit, as it goes out again.
        link.CountRetransmission(0);
        Release(h, link, connection);
    }

    /// <summary>The path is open again: the held messages leave now, in order, and arrive a propagation delay later.</summary>
    private void Release(HeldConnection h, LinkState link, int connection)
    {
        long now = _scheduler.Now.Nanoseconds;
        var messages = h.Messages;
        messages[0].Retransmissions = h.Retransmissions;
        for (int i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            long leftCard = _nicOut[h.Source]?.Transmit(now, m.SizeBytes) ?? now;
            ScheduleArrival(m, link, connection, now, link.Transmit(leftCard, m.SizeBytes), 0);
        }
        EndHold(h);
    }

    private void EndHold(HeldConnection h)
    {
        if (h.Active) _activeHolds--;
        h.Messages.Clear();
        h.Active = false;
        h.Epoch++;
    }
}
