using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Network.Faults;
using Sim.Network.Links;
using Sim.Network.Topology;

namespace Sim.Network.Transport;

/// <summary>
/// Moves messages between nodes over the links of a <see cref="NetworkTopology"/>.
/// <para>
/// A message's arrival time is: when it leaves the sender's network card (if it has one, <see cref="SetNic"/>)
/// and then the direction's transmitter (bandwidth queue), plus a
/// propagation delay (RTT/2 plus jitter), plus TCP retransmission delay for losses; and never earlier
/// than the previous message on the same connection, because TCP delivers in order (a lost segment
/// holds back those behind it). A connection is an ordered pair of nodes.
/// </para>
/// <para>
/// A segment lost more than tcp_retries2 times is abandoned, and with it the connection: TCP never
/// delivers past a hole in the byte stream. The sender is told (<see cref="INetworkEndpoint.OnConnectionClosed"/>)
/// when its last retransmission timeout expires, as Linux reports ETIMEDOUT; messages sent on the
/// connection meanwhile are not delivered, and the next message after that opens a fresh connection.
/// </para>
/// <para>
/// Cuts are checked when a message is sent and again when it would arrive. A message a cut drops is held
/// in its sender's send buffer and retransmitted with TCP's backoff until the cut heals or TCP gives up
/// (Network.Hold.cs); a filter (a cut with <see cref="Cut.Only"/>) drops it for good. A message for a node that is
/// <see cref="NodeState.Stopped"/> is answered by a reset (<see cref="INetworkEndpoint.OnConnectionClosed"/>);
/// one for a <see cref="NodeState.Dark"/> node vanishes.
/// </para>
/// </summary>
public sealed partial class Network : IEventHandler
{
    private const int MaxRetransmissions = 15;

    private readonly Scheduler _scheduler;
    private readonly INetworkEndpoint?[] _endpoints;
    private readonly NodeState[] _states;
    private readonly int[] _incarnations;
    private readonly long[] _lastArrivalNs;
    private readonly int[] _connectionGenerations;
    private readonly LinkState[,] _zoneLinks;
    private readonly LinkState[] _rackLinks;
    private readonly List<Cut> _cuts = [];
    private readonly NicTransmitter?[] _nicOut;
    private readonly NicTransmitter?[] _nicIn;
    private readonly List<NetMessage>?[] _lostToDark;
    private readonly int _deliverKind;
    private readonly int _resetKind;
    private readonly int _giveUpKind;
    private readonly int _nodeCount;

    public Network(Scheduler scheduler, NetworkTopology topology, LinkTable links, RngStreams streams)
    {
        _scheduler = scheduler;
        Topology = topology;
        Links = links;
        _nodeCount = topology.Nodes.Count;
        _endpoints = new INetworkEndpoint?[_nodeCount];
        _states = new NodeState[_nodeCount];
        _incarnations = new int[_nodeCount];
        _lostToDark = new List<NetMessage>?[_nodeCount];
        _nicOut = new NicTransmitter?[_nodeCount];
        _nicIn = new NicTransmitter?[_nodeCount];
        _lastArrivalNs = new long[_nodeCount * _nodeCount];
        _connectionGenerations = new int[_nodeCount * _nodeCount];
        int zones = topology.Zones.Count;
        _zoneLinks = new LinkState[zones, zones];
        _rackLinks = new LinkState[zones];
        foreach (var a in topology.Zones)
        {
            _rackLinks[a.Index] = new LinkState($"{a.Name} (same rack)", links.SameRack(a), streams.Get($"network/rack/{a.Name}"));
            foreach (var b in topology.Zones)
            {
                string name = $"{a.Name}->{b.Name}";
                _zoneLinks[a.Index, b.Index] = new LinkState(name, links.Between(a, b), streams.Get("network/link/" + name));
            }
        }
        _paused = new Queue<(NetMessage, bool)>?[_nodeCount];
        _deliverKind = scheduler.Kinds.Register("net:deliver");
        _resetKind = scheduler.Kinds.Register("net:reset");
        _giveUpKind = scheduler.Kinds.Register("net:give-up");
    }

    public NetworkTopology Topology { get; }
    public LinkTable Links { get; }

    /// <summary>Messages lost to filters, dark hosts, exhausted retransmissions, connections given up on or closed, and senders that stopped with messages held by a cut.</summary>
    public long Dropped { get; private set; }

    /// <summary>Sees every message delivered to a running node (null: none); for traces only.</summary>
    public INetworkTap? Tap { get; set; }

    public void Attach(Node node, INetworkEndpoint endpoint) => _endpoints[node.Index] = endpoint;

    /// <summary>What is attached to <paramref name="node"/>, if anything.</summary>
    public INetworkEndpoint? EndpointOf(Node node) => _endpoints[node.Index];

    public NodeState StateOf(Node node) => _states[node.Index];

    /// <summary>
    /// Changes a node's reachability. Leaving <see cref="NodeState.Up"/> ends its connections: messages
    /// still travelling to it are not delivered even if it comes back before they would have arrived.
    /// </summary>
    public void SetState(Node node, NodeState state)
    {
        var before = _states[node.Index];
        if (before == NodeState.Up && state != NodeState.Up) _incarnations[node.Index]++;
        _states[node.Index] = state;
        if (before == NodeState.Dark && state != NodeState.Dark && _lostToDark[node.Index] is { Count: > 0 } lost)
        {
            // TCP kept retransmitting what the dark host never acknowledged; the host that comes back knows
            // none of those connections and answers the next retransmission with a reset, about a round
            // trip from now, so the senders fail over then instead of waiting out their request timeouts.
            foreach (var m in lost)
            {
                var there = LinkBetween(Topology.Nodes[m.Source], node).PropagationNs();
                var back = LinkBetween(node, Topology.Nodes[m.Source]).PropagationNs();
                _scheduler.Schedule(new SimDuration(there + back), this, _resetKind, 0, m);
            }
            lost.Clear();
        }
    }

    /// <summary>
    /// The receiving host's kernel closes the connection <paramref name="message"/> arrived on, because the
    /// process that read it died: its sender learns of it one propagation delay later, unless it is cut off
    /// or gone. A dark host (power loss) closes nothing.
    /// </summary>
    public void CloseConnection(NetMessage message)
    {
        if (_states[message.Destination] == NodeState.Dark) return;
        var back = LinkBetween(Topology.Nodes[message.Destination], Topology.Nodes[message.Source]);
        _scheduler.Schedule(new SimDuration(back.PropagationNs()), this, _resetKind, 0, message);
    }

    /// <summary>At most this many messages per dark host are remembered for resets when it returns (the newest).</summary>
    private const int MaxRememberedPerDarkHost = 4096;

    private void RememberLostToDark(NetMessage m)
    {
        var list = _lostToDark[m.Destination] ??= [];
        if (list.Count == MaxRememberedPerDarkHost) list.RemoveAt(0);
        list.Add(m);
    }

    private SimDuration[]? _clockOffsets;

    /// <summary>
    /// How far <paramref name="node"/>'s clock runs ahead of true time (negative: behind). Only timestamps
    /// the node writes (record create times, heartbeats) read it; the simulation itself runs on true time.
    /// </summary>
    public SimDuration ClockOffset(Node node) => _clockOffsets is null ? SimDuration.Zero : _clockOffsets[node.Index];

    public void SetClockOffset(Node node, SimDuration offset)
    {
        _clockOffsets ??= new SimDuration[Topology.Nodes.Count];
        _clockOffsets[node.Index] = offset;
    }

    /// <summary>The time <paramref name="node"/>'s clock shows now.</summary>
    public SimTime LocalTime(Node node) => _scheduler.Now + ClockOffset(node);

    public void AddCut(Cut cut) => _cuts.Add(cut);

    public bool RemoveCut(Cut cut) => _cuts.Remove(cut);

    public IReadOnlyList<Cut> Cuts => _cuts;

    /// <summary>Whether a cut drops all traffic from <paramref name="source"/> to <paramref name="destination"/> (filters, which drop only some, do not count).</summary>
    public bool IsBlocked(int source, int destination)
    {
        for (int i = 0; i < _cuts.Count; i++)
        {
            if (_cuts[i].Only is null && _cuts[i].Blocks(source, destination)) return true;
        }
        return false;
    }

    /// <summary>Whether a cut or a filter drops <paramref name="message"/> from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public bool IsBlocked(NetMessage message, int source, int destination)
    {
        for (int i = 0; i < _cuts.Count; i++)
        {
            if (_cuts[i].Blocks(message, source, destination)) return true;
        }
        return false;
    }

    /// <summary>
    /// Hands <paramref name="message"/> to the network from <paramref name="from"/> to <paramref name="to"/>.
    /// The sender is never told here whether it will arrive.
    /// </summary>
    public void Send(Node from, Node to, NetMessage message)
    {
        long now = _scheduler.Now.Nanoseconds;
        int connection = from.Index * _nodeCount + to.Index;
        message.Source = from.Index;
        message.Destination = to.Index;
        message.SentAt = _scheduler.Now;
        message.Retransmissions = 0;
        message.DestinationIncarnation = _incarnations[to.Index];
        message.SourceIncarnation = _incarnations[from.Index];
        message.ConnectionGeneration = _connectionGenerations[connection];
        // A node that is not running sends nothing.
        if (_states[from.Index] != NodeState.Up) { Dropped++; return; }
        if (from == to)
        {
            _scheduler.Schedule(SimDuration.Zero, this, _deliverKind, 0, message);
            return;
        }
        // A cut of the data direction, or data of this connection already held ahead of it, keeps the
        // message in the sender's send buffer (Network.Hold.cs); a filter drops it.
        if (IsBlocked(from.Index, to.Index) || ActiveHold(connection, message.ConnectionOwner) is not null)
        {
            Hold(connection, message);
            return;
        }
        if (IsBlocked(message, from.Index, to.Index)) { Dropped++; return; }

        var link = LinkBetween(from, to);
        int bytes = message.SizeBytes;
        // The sender's card serialises first, then the link (one FIFO transmitter per direction).
        long leftCard = _nicOut[from.Index]?.Transmit(now, bytes) ?? now;
        long departed = link.Transmit(leftCard, bytes);
        long retransmit = link.RetransmissionDelayNs(bytes, MaxRetransmissions, out int retransmissions);
        if (retransmit < 0)
        {
            GiveUp(link, connection, departed, message);
            return;
        }
        message.Retransmissions = retransmissions;
        ScheduleArrival(message, link, connection, now, departed, retransmit);
    }

    /// <summary>
    /// <paramref name="message"/>, off the link at <paramref name="departedNs"/>, arrives a propagation delay (plus what
    /// TCP's retransmissions of lost copies added) later, taken off the wire by the receiver's card, and never before
    /// an earlier message of its connection (TCP's in-order delivery).
    /// </summary>
    private void ScheduleArrival(NetMessage message, LinkState link, int connection, long now, long departedNs, long retransmitNs)
    {
        long arrival = departedNs + link.PropagationNs() + retransmitNs;
        // The receiver's card takes the message off the wire; computed now, with no extra event per message
        // (NicTransmitter.Receive orders receptions by arrival, since arrivals are computed out of time order).
        if (_nicIn[message.Destination] is { } nicIn) arrival = nicIn.Receive(now, arrival, message.SizeBytes);
        if (arrival < _lastArrivalNs[connection]) arrival = _lastArrivalNs[connection];
        _lastArrivalNs[connection] = arrival;
        _scheduler.ScheduleAt(new SimTime(arrival), this, _deliverKind, 0, message);
    }

    /// <summary>
    /// Abandons <paramref name="message"/>, whose every retransmission was lost, and schedules the end of
    /// its connection for when the sender's last retransmission timeout expires.
    /// </summary>
    private void GiveUp(LinkState link, int connection, long departedNs, NetMessage message)
    {
        Dropped++;
        // Messages sent earlier on the connection are ahead of the hole and still arrive, so the end
        // comes no earlier than the last of them (an earlier delivery at the same instant was scheduled
        // first and runs first). Raising the connection's last arrival to the end holds every later
        // message of this connection until then, when the generation has moved on and it is dropped.
        long endNs = Math.Max(departedNs + link.GiveUpDelayNs(MaxRetransmissions), _lastArrivalNs[connection]);
        _lastArrivalNs[connection] = endNs;
        _scheduler.ScheduleAt(new SimTime(endNs), this, _giveUpKind, 0, message);
    }

    private void EndConnection(NetMessage message)
    {
        int connection = message.Source * _nodeCount + message.Destination;
        // A second segment abandoned on a connection already ended behind the first hole changes nothing:
        // a connection ends once, and the sender is told once.
        if (message.ConnectionGeneration != _connectionGenerations[connection]) return;
        _connectionGenerations[connection]++;
        // What was sent on the dead connection will be dropped, so the next message, on a fresh
        // connection, waits for none of it.
        _lastArrivalNs[connection] = _scheduler.Now.Nanoseconds;
        // The timeout fires in the sender's own kernel, so no cut can hide it; but a process that has
        // stopped, or restarted since the send, no longer has the connection to be told about.
        int src = message.Source;
        if (_states[src] == NodeState.Up && _incarnations[src] == message.SourceIncarnation)
            HandOver(src, message, closed: true);
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (ev.Kind == _retransmitKind)
        {
            OnRetransmissionTimeout((HeldConnection)ev.State!, ev.Arg);
            return;
        }
        var message = (NetMessage)ev.State!;
        if (ev.Kind == _releaseKind)
        {
            ReadAfterPause(message, ev.Arg == 1);
            return;
        }
        if (ev.Kind == _resetKind)
        {
            // The reset travels back to the sender; it is lost like any message if the sender is gone or cut off.
            if (_states[message.Source] == NodeState.Up && !IsBlocked(message.Destination, message.Source))
                HandOver(message.Source, message, closed: true);
            return;
        }
        if (ev.Kind == _giveUpKind)
        {
            EndConnection(message);
            return;
        }
        int dst = message.Destination;
        int connection = message.Source * _nodeCount + dst;
        if (message.ConnectionGeneration != _connectionGenerations[connection])
        {
            Dropped++;
            return;
        }
        // A cut that started while the message travelled loses it, and TCP retransmits it; a message arriving
        // while earlier data of its connection is held waits behind it (the receiver delivers in order).
        if (IsBlocked(message.Source, dst) || ActiveHold(connection, message.ConnectionOwner) is not null)
        {
            Hold(connection, message);
            return;
        }
        if (IsBlocked(message, message.Source, dst))
        {
            Dropped++;
            return;
        }
        if (message.DestinationIncarnation != _incarnations[dst] && _states[dst] == NodeState.Up)
        {
            // The host restarted since the message was sent: its new kernel resets the old connection.
            Dropped++;
            var back = LinkBetween(Topology.Nodes[dst], Topology.Nodes[message.Source]);
            _scheduler.Schedule(new SimDuration(back.PropagationNs()), this, _resetKind, 0, message);
            return;
        }
        switch (_states[dst])
        {
            case NodeState.Up:
                HandOver(dst, message, closed: false);
                break;
            case NodeState.Stopped:
                var back = LinkBetween(Topology.Nodes[dst], Topology.Nodes[message.Source]);
                _scheduler.Schedule(new SimDuration(back.PropagationNs()), this, _resetKind, 0, message);
                break;
            default:
                Dropped++;
                RememberLostToDark(message);
                break;
        }
    }
}
