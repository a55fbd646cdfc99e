using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Metadata;
using Sim.Kafka.Protocol;
using Sim.Network.Topology;

namespace Sim.Kafka.Controller;

/// <summary>
/// The active controller (QuorumController, ClusterControlManager and BrokerHeartbeatManager in
/// Kafka): broker registration, heartbeats and sessions, fencing and unfencing, controlled shutdown,
/// and in ZooKeeper mode the choice of the controller broker. Partition decisions that follow from
/// these (leader election, ISR, rebalancing) are a <see cref="ReplicationControl"/>'s. Every decision
/// is a record proposed to the metadata log; answers that depend on a record wait until it is committed.
/// </summary>
/// <remarks>
/// A new active controller restarts every broker's session timer instead of fencing brokers it has not
/// heard from yet. A broker that registers again (a restart) starts fenced and is unfenced once it has
/// caught up with the metadata log.
/// </remarks>
public sealed partial class ClusterControl
{
    private readonly ClusterContext _ctx;
    private readonly QuorumController _quorum;
    private readonly Dictionary<int, SimTime> _lastHeartbeat = [];
    private readonly Dictionary<int, long> _pendingRegistration = [];
    private readonly Dictionary<int, long> _shutdownOffset = [];
    // BrokerHeartbeatState.metadataOffset: the metadata offset each broker reported in its last heartbeat to this controller.
    private readonly Dictionary<int, long> _reportedOffset = [];
    // Heartbeats answered SHUTDOWN_NOW, held until the fence they wrote is committed (the last offset it wrote).
    private readonly List<(long Offset, BrokerHeartbeatRequest Request, long Epoch)> _shutdownReplies = [];
    private readonly ReplicationControl _replication;
    private readonly int _kSession, _kRebalance;
    private EventHandle _sessionTimer, _rebalanceTimer;
    // KRaft: the last balance task hit MAX_ELECTIONS_PER_IMBALANCE, so the next one runs almost at once (ImbalanceSchedule.IMMEDIATELY).
    private bool _balanceImmediately;

    /// <summary>QuorumController's delay for a balance task rescheduled at once (ImbalanceSchedule.IMMEDIATELY).</summary>
    private static readonly SimDuration BalanceImmediateDelay = SimDuration.FromMilliseconds(10);

    public ClusterControl(ClusterContext ctx, QuorumController quorum)
    {
        _ctx = ctx;
        _quorum = quorum;
        _kSession = ctx.Scheduler.Kinds.Register("controller:session-check");
        _kRebalance = ctx.Scheduler.Kinds.Register("controller:leader-rebalance");
        _replication = new ReplicationControl(ctx, quorum, this);
    }

    public bool Active { get; private set; }

    /// <summary>In ZooKeeper mode, the broker acting as controller (-1 in KRaft mode or when none).</summary>
    public int ControllerBroker { get; private set; } = -1;

    private int _controllerEpoch;

    /// <summary>
    /// True while <paramref name="id"/> is in a controlled shutdown: it is not elected, may not join an ISR and takes no
    /// new replicas. Read from the broker's registration in the metadata log (ClusterControlManager.isActive reads
    /// BrokerRegistration.inControlledShutdown), so a controller that takes over in the middle of a shutdown knows it.
    /// </summary>
    internal bool IsShuttingDown(int id) => Image.IsInControlledShutdown(id);

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

    private int _kUnclean = -1;
    private EventHandle _uncleanTimer;

    /// <summary>Leader elections an operator asks for (kafka-leader-election); one line per partition.</summary>
    internal IReadOnlyList<string> ElectLeaders(IReadOnlyList<int> partitions, bool unclean) => _replication.ElectLeaders(partitions, unclean);

    /// <summary>A partition reassignment an operator asks for (kafka-reassign-partitions --execute).</summary>
    internal string Reassign(int partition, int[] target) => _replication.Reassign(partition, target);

    internal string CreateTopic(string topic) => _replication.CreateTopic(topic);

    internal string CreatePartitions(string topic, int count) => _replication.CreatePartitions(topic, count);

    internal string DeleteTopic(string topic) => _replication.DeleteTopic(topic);

    /// <summary>
    /// Writes a dynamic topic config change (IncrementalAlterConfigs: a ConfigRecord); it takes effect when
    /// committed. The periodic unclean election check starts with the first change that turns unclean
    /// election on: before it, every election already applied the static setting at once.
    /// </summary>
    internal void AlterTopicConfig(Config.TopicConfig topic, string cause)
    {
        _quorum.Propose(new MetadataRecord(MetadataRecordKind.ConfigChange, -1, null, cause) { Topic = topic });
    }

    /// <summary>A committed topic config change: arms the unclean election check if it turned unclean election on.</summary>
    internal void OnTopicConfigCommitted(Config.TopicConfig topic)
    {
        if (topic.UncleanLeaderElectionEnable != true) return;
        _ctx.UncleanElectionCheckArmed = true;
        if (Active && !S.IsPending(_uncleanTimer)) ScheduleUncleanCheck();
    }

    /// <summary>The check runs on the interval's grid from the start of the run, so the next one may come at once or a whole interval later.</summary>
    private void ScheduleUncleanCheck()
    {
        if (_kUnclean < 0) _kUnclean = S.Kinds.Register("controller:unclean-election-check");
        long interval = _ctx.Broker.UncleanLeaderElectionInterval.Nanoseconds;
        long next = (S.Now.Nanoseconds / interval + 1) * interval;
        _uncleanTimer = S.ScheduleAt(new SimTime(next), (IEventHandler)_quorum, _kUnclean);
    }

    internal void Activate()
    {
        Active = true;
        // A new active controller gives every broker a full session before it may fence it.
        foreach (var b in Image.Brokers) _lastHeartbeat[b.Id] = S.Now;
        if (ZooKeeperMode && ControllerBroker < 0) ElectControllerBroker();
        _sessionTimer = S.Schedule(SessionCheckPeriod, (IEventHandler)_quorum, _kSession);
        // KafkaController (ZooKeeper mode) runs the imbalance check on a fixed period; the KRaft controller only once
        // a leader is not its preferred one (QuorumController.processBatchEndOffset on activation).
        if (ZooKeeperMode && _ctx.Broker.AutoLeaderRebalanceEnable)
            _rebalanceTimer = S.Schedule(_ctx.Broker.LeaderImbalanceCheckInterval, (IEventHandler)_quorum, _kRebalance);
        else MaybeScheduleBalance();
        if (_ctx.UncleanElectionCheckArmed) ScheduleUncleanCheck();
    }

    /// <summary>
    /// KRaft's leader balancing (QuorumController.maybeScheduleNextBalancePartitionLeaders), called after every
    /// write of the active controller and on its activation: when no balance task is pending and some partition's
    /// leader is not its preferred replica (ReplicationControlManager.arePartitionLeadersImbalanced, which counts a
    /// leaderless partition too), the task is scheduled <c>leader.imbalance.check.interval.seconds</c> later, or
    /// 10 ms later when the last one stopped at MAX_ELECTIONS_PER_IMBALANCE. A balanced cluster has no task pending.
    /// </summary>
    internal void MaybeScheduleBalance()
    {
        if (ZooKeeperMode || !_ctx.Broker.AutoLeaderRebalanceEnable || S.IsPending(_rebalanceTimer) || !_replication.AnyLeaderImbalanced()) return;
        var delay = _balanceImmediately ? BalanceImmediateDelay : _ctx.Broker.LeaderImbalanceCheckInterval;
        _rebalanceTimer = S.Schedule(delay, (IEventHandler)_quorum, _kRebalance);
    }

    internal void Deactivate()
    {
        Active = false;
        ControllerBroker = -1;
        S.Cancel(_sessionTimer);
        S.Cancel(_rebalanceTimer);
        _balanceImmediately = false;
        S.Cancel(_uncleanTimer);
        _replication.Deactivate();
        _pendingRegistration.Clear();
        _shutdownOffset.Clear();
        _reportedOffset.Clear();
        // QuorumController fails the writes still waiting for commit when it loses leadership (NOT_CONTROLLER); a
        // crashed controller answers nothing and the broker's request times out.
        if (_quorum.Alive)
        {
            foreach (var (_, m, epoch) in _shutdownReplies) _ctx.Send(_quorum.Node, _ctx.BrokerNode(m.BrokerId), HeartbeatResponse(m, ErrorCode.NotController, epoch, true, false));
        }
        _shutdownReplies.Clear();
    }

    internal void OnCommitted(long highWatermark)
    {
        if (!Active && _quorum.Role == RaftRole.Leader && highWatermark > _quorum.LeaderChangeOffset) Activate();
        _replication.OnCommitted(highWatermark);
        if (Active && _shutdownReplies.Count > 0) SendCommittedShutdownReplies(highWatermark);
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
            bool capped = CanDecide() && _replication.RebalanceLeaders();
            if (ZooKeeperMode) _rebalanceTimer = S.Schedule(_ctx.Broker.LeaderImbalanceCheckInterval, (IEventHandler)_quorum, _kRebalance);
            else
            {
                _balanceImmediately = capped;
                MaybeScheduleBalance();
            }
        }
        else if (ev.Kind == _kUnclean)
        {
            if (CanDecide()) _replication.ElectUncleanLeaders();
            ScheduleUncleanCheck();
        }
    }

    internal void Receive(KafkaMessage message)
    {
        switch (message)
        {
            case BrokerHeartbeatRequest m: OnHeartbeat(m); break;
            case AlterPartitionRequest m: _replication.OnAlterPartition(m); break;
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
            if (!m.PreviousShutdownClean) _replication.OnUncleanRestart(id);
            long offset = _quorum.Propose(new MetadataRecord(MetadataRecordKind.RegisterBroker, id, null, $"broker {id} registered"));
            _pendingRegistration[id] = offset;
            _shutdownOffset.Remove(id);
            _lastHeartbeat[id] = S.Now;
            _ctx.Send(_quorum.Node, to, HeartbeatResponse(m, ErrorCode.None, offset, true, false));
            return;
        }
        _lastHeartbeat[id] = S.Now;
        _reportedOffset[id] = m.MetadataOffset;
        long brokerEpoch = pending ? pendingEpoch : epoch;
        bool committed = _quorum.HighWatermark > brokerEpoch;
        if (committed) _pendingRegistration.Remove(id);
        if (m.WantShutdown)
        {
            OnShutdownHeartbeat(m, brokerEpoch);
            return;
        }
        if (m.OfflinePartitions.Length > 0 && CanDecide()) _replication.OnReplicasOffline(id, m.OfflinePartitions);
        // BrokerHeartbeatManager.calculateNextBrokerState: a fenced broker is unfenced once its metadata has reached its
        // own registration record (QuorumController passes registerBrokerRecordOffset), so a broker fenced by a session
        // timeout and back without a restart is unfenced at its first heartbeat that arrives.
        if (Image.IsFenced(id) && committed && m.MetadataOffset > brokerEpoch && !IsShuttingDown(id) && CanDecide())
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
        _quorum.Propose(new MetadataRecord(MetadataRecordKind.FenceBroker, id, null, cause));
        _replication.OnBrokerFenced(id);
    }

    private void Unfence(int id)
    {
        _quorum.Propose(new MetadataRecord(MetadataRecordKind.UnfenceBroker, id, null, $"broker {id} caught up with the metadata log"));
        _replication.OnBrokerUnfenced(id);
    }
}
