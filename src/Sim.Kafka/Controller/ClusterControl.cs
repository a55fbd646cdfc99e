using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Metadata;
using Sim.Kafka.Protocol;
using Sim.Network.Topology;

namespace Sim.Kafka.Controller;

/// <summary>
/// The active controller's decisions (QuorumController, ClusterControlManager, BrokerHeartbeatManager,
/// ReplicationControlManager in Kafka): broker registration and sessions, fencing, leader election,
/// ISR changes requested by leaders, controlled shutdown and preferred-leader rebalancing. Every
/// decision is a record proposed to the metadata log; answers that depend on a record wait until it
/// is committed.
/// </summary>
/// <remarks>
/// Election rules: a new leader is the first replica, in replica order, that is in the ISR and
/// unfenced. When none is left: with unclean election enabled, the first unfenced replica (and the
/// ISR becomes just it); otherwise the partition goes offline (leader -1) and keeps its last ISR member,
/// so that broker can lead again when it returns. A new active controller restarts every broker's
/// session timer instead of fencing brokers it has not heard from yet. With
/// <c>eligible.leader.replicas.enable</c> (KIP-966), replicas that left an ISR below
/// <c>min.insync.replicas</c> stay eligible and are elected before anything unclean; an unclean
/// restart removes that eligibility. Not modelled: the per-broker imbalance threshold of
/// preferred-leader rebalancing (any partition off its preferred leader is moved back).
/// </remarks>
public sealed class ClusterControl
{
    private readonly ClusterContext _ctx;
    private readonly QuorumController _quorum;
    private readonly Dictionary<int, SimTime> _lastHeartbeat = [];
    private readonly Dictionary<int, long> _pendingRegistration = [];
    private readonly Dictionary<int, long> _fenceOffset = [];
    private readonly Dictionary<int, long> _shutdownOffset = [];
    private readonly List<(long Offset, Node To, KafkaMessage Message)> _awaitingCommit = [];
    private readonly int _kSession, _kRebalance;
    private EventHandle _sessionTimer, _rebalanceTimer;

    public ClusterControl(ClusterContext ctx, QuorumController quorum)
    {
        _ctx = ctx;
        _quorum = quorum;
        _kSession = ctx.Scheduler.Kinds.Register("controller:session-check");
        _kRebalance = ctx.Scheduler.Kinds.Register("controller:leader-rebalance");
    }

    public bool Active { get; private set; }

    /// <summary>In ZooKeeper mode, the broker acting as controller (-1 in KRaft mode or when none).</summary>
    public int ControllerBroker { get; private set; } = -1;

    private int _controllerEpoch;

    private bool ZooKeeperMode => _ctx.Quorum.Mode == Config.MetadataMode.ZooKeeper;

    /// <summary>How long a broker may be silent before it is fenced: the broker session, or the ZooKeeper session.</summary>
    private SimDuration SessionTimeout => ZooKeeperMode ? _ctx.Quorum.ZooKeeperSessionTimeout : _ctx.Broker.BrokerSessionTimeout;

    /// <summary>
    /// Whether decisions that need the controller can be made now. In ZooKeeper mode the controller is a
    /// broker: while it is silent (no session ping for a third of the session timeout, the ZooKeeper
    /// client's ping interval) nothing is elected, until its session expires and another broker takes over.
    /// </summary>
    private bool CanDecide()
    {
        if (!ZooKeeperMode) return true;
        if (ControllerBroker < 0 || Image.IsFenced(ControllerBroker)) return ElectControllerBroker();
        return S.Now - _lastHeartbeat.GetValueOrDefault(ControllerBroker, S.Now) <= SessionTimeout / 3 + SessionCheckPeriod;
    }

    private bool ElectControllerBroker()
    {
        var candidate = Image.Brokers.FirstOrDefault(b => !b.Fenced && S.Now - _lastHeartbeat.GetValueOrDefault(b.Id, S.Now) <= SessionTimeout / 3);
        if (candidate is null) return false;
        ControllerBroker = candidate.Id;
        _controllerEpoch++;
        _ctx.Events.ControllerElected(S.Now, candidate.Id, _controllerEpoch);
        return true;
    }

    private Scheduler S => _ctx.Scheduler;
    private MetadataImage Image => _quorum.Image;
    private static readonly SimDuration SessionCheckPeriod = SimDuration.FromMilliseconds(100);

    internal void Activate()
    {
        Active = true;
        // A new active controller gives every broker a full session before it may fence it.
        foreach (var b in Image.Brokers) _lastHeartbeat[b.Id] = S.Now;
        if (ZooKeeperMode && ControllerBroker < 0) ElectControllerBroker();
        _sessionTimer = S.Schedule(SessionCheckPeriod, (IEventHandler)_quorum, _kSession);
        if (_ctx.Broker.AutoLeaderRebalanceEnable)
            _rebalanceTimer = S.Schedule(_ctx.Broker.LeaderImbalanceCheckInterval, (IEventHandler)_quorum, _kRebalance);
    }

    internal void Deactivate()
    {
        Active = false;
        ControllerBroker = -1;
        S.Cancel(_sessionTimer);
        S.Cancel(_rebalanceTimer);
        _awaitingCommit.Clear();
        _pendingRegistration.Clear();
        _shutdownOffset.Clear();
    }

    internal void OnCommitted(long highWatermark)
    {
        if (!Active && _quorum.Role == RaftRole.Leader && highWatermark > _quorum.LeaderChangeOffset) Activate();
        for (int i = 0; i < _awaitingCommit.Count; i++)
        {
            var (offset, to, message) = _awaitingCommit[i];
            if (offset >= highWatermark) continue;
            _ctx.Send(_quorum.Node, to, message);
            _awaitingCommit.RemoveAt(i--);
        }
    }

    internal void OnTimer(in SimEvent ev)
    {
        if (!Active) return;
        if (ev.Kind == _kSession)
        {
            CheckSessions();
            _sessionTimer = S.Schedule(SessionCheckPeriod, (IEventHandler)_quorum, _kSession);
        }
        else if (ev.Kind == _kRebalance)
        {
            RebalanceLeaders();
            _rebalanceTimer = S.Schedule(_ctx.Broker.LeaderImbalanceCheckInterval, (IEventHandler)_quorum, _kRebalance);
        }
    }

    internal void Receive(KafkaMessage message)
    {
        switch (message)
        {
            case BrokerHeartbeatRequest m: OnHeartbeat(m); break;
            case AlterPartitionRequest m: OnAlterPartition(m); break;
        }
    }

    // ---- brokers ----

    private void OnHeartbeat(BrokerHeartbeatRequest m)
    {
        var to = _ctx.BrokerNode(m.BrokerId);
        if (!Active)
        {
            _ctx.Send(_quorum.Node, to, HeartbeatResponse(m, ErrorCode.NotController, -1, true, false));
            return;
        }
        int id = m.BrokerId;
        long epoch = Image.BrokerEpoch(id);
        bool pending = _pendingRegistration.TryGetValue(id, out var pendingEpoch) && pendingEpoch == m.BrokerEpoch;
        if (!pending && (m.BrokerEpoch < 0 || m.BrokerEpoch != epoch))
        {
            // A new registration (a restarted broker): it starts fenced and must catch up before serving.
            // The previous incarnation, if still registered and unfenced, is fenced first, so its
            // partitions move to other in-sync replicas rather than wait for a process that lost its state.
            if (Image.IsRegistered(id) && !Image.IsFenced(id) && CanDecide()) Fence(id, $"broker {id} registered again with a new incarnation");
            // KIP-966: after an unclean shutdown its log may have lost its tail, so it is no longer eligible.
            if (ElrEnabled && !m.PreviousShutdownClean) RemoveFromElr(id);
            long offset = _quorum.Propose(new MetadataRecord(MetadataRecordKind.RegisterBroker, id, null, $"broker {id} registered"));
            _pendingRegistration[id] = offset;
            _shutdownOffset.Remove(id);
            _lastHeartbeat[id] = S.Now;
            _ctx.Send(_quorum.Node, to, HeartbeatResponse(m, ErrorCode.None, offset, true, false));
            return;
        }
        _lastHeartbeat[id] = S.Now;
        long brokerEpoch = pending ? pendingEpoch : epoch;
        bool committed = _quorum.HighWatermark > brokerEpoch;
        if (committed) _pendingRegistration.Remove(id);
        if (m.WantShutdown)
        {
            if (!_shutdownOffset.ContainsKey(id) && CanDecide()) _shutdownOffset[id] = ControlledShutdown(id);
            if (!_shutdownOffset.ContainsKey(id))
            {
                _ctx.Send(_quorum.Node, to, HeartbeatResponse(m, ErrorCode.None, brokerEpoch, Image.IsFenced(id), false));
                return;
            }
            bool done = _quorum.HighWatermark > _shutdownOffset[id];
            _ctx.Send(_quorum.Node, to, HeartbeatResponse(m, ErrorCode.None, brokerEpoch, Image.IsFenced(id), done));
            return;
        }
        long caughtUpTo = Math.Max(brokerEpoch, _fenceOffset.GetValueOrDefault(id, -1));
        if (Image.IsFenced(id) && committed && m.MetadataOffset > caughtUpTo && !_shutdownOffset.ContainsKey(id) && CanDecide())
        {
            Unfence(id);
        }
        _ctx.Send(_quorum.Node, to, HeartbeatResponse(m, ErrorCode.None, brokerEpoch, Image.IsFenced(id), false));
    }

    private BrokerHeartbeatResponse HeartbeatResponse(BrokerHeartbeatRequest m, ErrorCode error, long epoch, bool fenced, bool shutdown) => new()
    {
        To = Component.Broker, From = Component.Controller, CorrelationId = m.CorrelationId, Error = error,
        LeaderHint = _quorum.LeaderId, BrokerEpoch = epoch, IsFenced = fenced, ShouldShutdown = shutdown,
    };

    private void CheckSessions()
    {
        var timeout = SessionTimeout;
        string setting = ZooKeeperMode ? "zookeeper.session.timeout.ms" : "broker.session.timeout.ms";
        // In ZooKeeper mode an expired controller broker is replaced first; the new controller then reacts.
        if (ZooKeeperMode && ControllerBroker >= 0 && !Image.IsFenced(ControllerBroker) &&
            S.Now - _lastHeartbeat.GetValueOrDefault(ControllerBroker, S.Now) > timeout)
        {
            int old = ControllerBroker;
            ControllerBroker = -1;
            if (!ElectControllerBroker()) return;
            Fence(old, $"the session of controller broker {old} expired ({setting} {timeout})");
        }
        if (!CanDecide()) return;
        foreach (var b in Image.Brokers.ToList())
        {
            if (b.Fenced) continue;
            var last = _lastHeartbeat.GetValueOrDefault(b.Id, S.Now);
            if (S.Now - last > timeout) Fence(b.Id, $"no heartbeat from broker {b.Id} for {(S.Now - last).TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}s ({setting} {timeout})");
        }
    }

    private void Fence(int id, string cause)
    {
        _fenceOffset[id] = _quorum.Propose(new MetadataRecord(MetadataRecordKind.FenceBroker, id, null, cause));
        foreach (var ps in Image.Partitions.ToList())
        {
            if (ps.InIsr(id) || ps.Leader == id) RemoveReplica(ps, id, $"broker {id} fenced");
        }
    }

    private void Unfence(int id)
    {
        _quorum.Propose(new MetadataRecord(MetadataRecordKind.UnfenceBroker, id, null, $"broker {id} caught up with the metadata log"));
        foreach (var ps in Image.Partitions.ToList())
        {
            if (ps.Leader != PartitionState.NoLeader || !ps.IsReplica(id)) continue;
            if (ps.InIsr(id))
            {
                Change(ps, ps with { Leader = id, LeaderEpoch = ps.LeaderEpoch + 1 }, $"broker {id}, the last in-sync replica, returned");
            }
            else if (ElrEnabled && Array.IndexOf(ps.Elr, id) >= 0)
            {
                Change(ps, ps with { Leader = id, Isr = [id], Elr = ps.Elr.Where(b => b != id).ToArray(), LeaderEpoch = ps.LeaderEpoch + 1 },
                    $"broker {id} returned and was elected from the eligible leader replicas (KIP-966)");
            }
            else if (_ctx.UncleanElection(_ctx.Partitions[ps.Partition]))
            {
                Change(ps, ps with { Leader = id, Isr = [id], LeaderEpoch = ps.LeaderEpoch + 1 },
                    $"unclean election of out-of-sync broker {id} (unclean.leader.election.enable)");
            }
        }
    }

    private void RemoveFromElr(int id)
    {
        foreach (var ps in Image.Partitions.ToList())
        {
            if (Array.IndexOf(ps.Elr, id) < 0) continue;
            Change(ps, ps with { Elr = ps.Elr.Where(b => b != id).ToArray() }, $"broker {id} restarted after an unclean shutdown and is no longer eligible (KIP-966)");
        }
    }

    /// <summary>Moves leadership off a broker that asked to shut down, and takes it out of ISRs; returns the last offset written.</summary>
    private long ControlledShutdown(int id)
    {
        long last = _quorum.LogEndOffset;
        foreach (var ps in Image.Partitions.ToList())
        {
            if (ps.Leader != id && !ps.InIsr(id)) continue;
            var isr = ps.Isr.Length > 1 ? ps.Isr.Where(b => b != id).ToArray() : ps.Isr;
            int leader = ps.Leader == id ? ChooseLeader(ps.Replicas, isr, exclude: id) : ps.Leader;
            var next = ps with { Leader = leader, Isr = isr, Elr = EligibleAfterShrink(ps, isr), LeaderEpoch = leader != ps.Leader ? ps.LeaderEpoch + 1 : ps.LeaderEpoch };
            if (next.Leader != ps.Leader || !next.Isr.SequenceEqual(ps.Isr)) last = Change(ps, next, $"controlled shutdown of broker {id}");
        }
        return last;
    }

    private int ChooseLeader(int[] replicas, int[] isr, int exclude)
    {
        foreach (var r in replicas)
        {
            if (r != exclude && Array.IndexOf(isr, r) >= 0 && !Image.IsFenced(r) && !_shutdownOffset.ContainsKey(r)) return r;
        }
        return PartitionState.NoLeader;
    }

    private bool ElrEnabled => _ctx.Broker.EligibleLeaderReplicasEnable;

    /// <summary>
    /// KIP-966: replicas leaving an ISR that is (or becomes) smaller than <c>min.insync.replicas</c> hold
    /// every committed record (the high watermark cannot advance meanwhile), so they stay eligible to lead.
    /// </summary>
    private int[] EligibleAfterShrink(PartitionState ps, int[] newIsr)
    {
        if (!ElrEnabled) return ps.Elr;
        int minIsr = _ctx.MinInSyncReplicas(_ctx.Partitions[ps.Partition]);
        if (newIsr.Length >= minIsr) return [];
        return ps.Elr.Concat(ps.Isr.Except(newIsr)).Where(b => Array.IndexOf(newIsr, b) < 0).Distinct().ToArray();
    }

    /// <summary>Takes a broker out of a partition's ISR and, if it led, elects another leader by the rules above.</summary>
    private void RemoveReplica(PartitionState ps, int id, string cause)
    {
        var isr = ps.Isr.Where(b => b != id).ToArray();
        var elr = EligibleAfterShrink(ps, isr);
        int leader = ps.Leader;
        string why = cause;
        if (ps.Leader == id)
        {
            leader = ChooseLeader(ps.Replicas, isr, id);
            if (leader == PartitionState.NoLeader && ElrEnabled)
            {
                leader = ChooseLeader(ps.Replicas, elr, id);
                if (leader != PartitionState.NoLeader)
                {
                    isr = [leader];
                    elr = elr.Where(b => b != leader).ToArray();
                    why = $"{cause}; broker {leader} elected from the eligible leader replicas (KIP-966)";
                }
            }
            if (leader == PartitionState.NoLeader && _ctx.UncleanElection(_ctx.Partitions[ps.Partition]))
            {
                leader = ps.Replicas.FirstOrDefault(r => r != id && !Image.IsFenced(r), PartitionState.NoLeader);
                if (leader != PartitionState.NoLeader)
                {
                    isr = [leader];
                    why = $"{cause}; unclean election of out-of-sync broker {leader} (unclean.leader.election.enable)";
                }
            }
        }
        // The ISR never becomes empty: its last member stays, so it can lead again when it returns.
        if (isr.Length == 0)
        {
            isr = [id];
            elr = elr.Where(b => b != id).ToArray();
        }
        var next = ps with { Isr = isr, Elr = elr, Leader = leader, LeaderEpoch = leader != ps.Leader ? ps.LeaderEpoch + 1 : ps.LeaderEpoch };
        Change(ps, next, why);
    }

    private long Change(PartitionState before, PartitionState after, string cause)
    {
        after = after with { PartitionEpoch = before.PartitionEpoch + 1 };
        return _quorum.Propose(new MetadataRecord(MetadataRecordKind.PartitionChange, -1, after, cause, before));
    }

    private void RebalanceLeaders()
    {
        if (!CanDecide()) return;
        foreach (var ps in Image.Partitions.ToList())
        {
            int preferred = ps.PreferredLeader;
            if (ps.Leader == preferred || !ps.InIsr(preferred) || Image.IsFenced(preferred) || _shutdownOffset.ContainsKey(preferred)) continue;
            Change(ps, ps with { Leader = preferred, LeaderEpoch = ps.LeaderEpoch + 1 },
                $"preferred leader election: broker {preferred} is back in sync (auto.leader.rebalance.enable)");
        }
    }

    // ---- ISR changes from leaders ----

    private void OnAlterPartition(AlterPartitionRequest m)
    {
        var to = _ctx.BrokerNode(m.BrokerId);
        if (!Active)
        {
            _ctx.Send(_quorum.Node, to, AlterResponse(m, ErrorCode.NotController, null));
            return;
        }
        var ps = Image.Partition(m.Partition);
        if (ps.Leader != m.BrokerId || ps.LeaderEpoch != m.LeaderEpoch)
        {
            _ctx.Send(_quorum.Node, to, AlterResponse(m, ErrorCode.FencedLeaderEpoch, ps));
            return;
        }
        if (ps.PartitionEpoch != m.PartitionEpoch)
        {
            _ctx.Send(_quorum.Node, to, AlterResponse(m, ErrorCode.InvalidUpdateVersion, ps));
            return;
        }
        // KIP-841: a fenced or shutting-down broker cannot join the ISR.
        if (m.NewIsr.Any(b => !ps.InIsr(b) && (Image.IsFenced(b) || _shutdownOffset.ContainsKey(b))))
        {
            _ctx.Send(_quorum.Node, to, AlterResponse(m, ErrorCode.IneligibleReplica, ps));
            return;
        }
        string cause = m.NewIsr.Length < ps.Isr.Length
            ? $"leader {m.BrokerId} shrank the ISR: {Describe(ps.Isr.Except(m.NewIsr))} fell behind (replica.lag.time.max.ms)"
            : $"leader {m.BrokerId} expanded the ISR: {Describe(m.NewIsr.Except(ps.Isr))} caught up";
        long offset = Change(ps, ps with { Isr = m.NewIsr, Elr = EligibleAfterShrink(ps, m.NewIsr).Where(b => Array.IndexOf(m.NewIsr, b) < 0).ToArray() }, cause);
        _awaitingCommit.Add((offset, to, AlterResponse(m, ErrorCode.None, Image.Partition(m.Partition))));
    }

    private static string Describe(IEnumerable<int> brokers) => "broker " + string.Join(", ", brokers);

    private AlterPartitionResponse AlterResponse(AlterPartitionRequest m, ErrorCode error, PartitionState? state) => new()
    {
        To = Component.Broker, From = Component.Controller, CorrelationId = m.CorrelationId, Error = error,
        Partition = m.Partition, LeaderHint = _quorum.LeaderId, State = state,
    };
}
