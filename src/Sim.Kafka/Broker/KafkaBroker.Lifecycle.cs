using Sim.Core.Scheduling;
using Sim.Core.Time;

namespace Sim.Kafka.Broker;

/// <summary>Crash, restart and controlled shutdown of a broker process.</summary>
public sealed partial class KafkaBroker
{
    /// <summary>
    /// How long written data stays only in the page cache before the OS writes it back (Linux
    /// <c>vm.dirty_expire_centisecs</c> = 3000). A power loss loses what was appended more recently,
    /// unless every append is flushed.
    /// </summary>
    public static readonly SimDuration PageCacheExpiry = SimDuration.FromSeconds(30);

    /// <summary>Raised when a controlled shutdown completes and the process exits.</summary>
    public event Action<KafkaBroker>? ShutdownCompleted;

    /// <summary>
    /// Raised when the process halts on its own (<see cref="Halt"/>): the whole JVM is gone, with a KRaft controller
    /// it ran (<c>process.roles=broker,controller</c>), and the host refuses connections to it until it is restarted.
    /// </summary>
    public event Action<KafkaBroker>? Halted;

    /// <summary>
    /// Exit.halt(1) after every log directory failed (LogManager.handleLogDirFailure: "Shutdown broker because all
    /// log dirs in ... have failed"): the process exits at once, with no controlled shutdown and no shutdown hooks,
    /// and stays down until an operator starts it again (here: when the failed disk is replaced). Its sockets are
    /// closed by the operating system, so peers see resets rather than silence.
    /// </summary>
    internal void Halt()
    {
        if (!Alive) return;
        Crash(powerLoss: false);
        Halted?.Invoke(this);
    }

    /// <summary>
    /// The process stops at once. With <paramref name="powerLoss"/> the machine went down too, and the
    /// log loses its tail still in the page cache; a process crash alone loses nothing written.
    /// </summary>
    public void Crash(bool powerLoss)
    {
        if (_starting)
        {
            // Killed again while still recovering its logs: the next start recovers from scratch.
            S.Cancel(_startupTimer);
            _starting = false;
            LastShutdownClean = false;
            return;
        }
        if (!Alive) return;
        Alive = false;
        _restartAfterShutdown = false;
        LastShutdownClean = false;
        _incarnation++;
        S.Cancel(_isrTimer);
        S.Cancel(_archiveTimer);
        S.Cancel(_heartbeatTimer);
        S.Cancel(_shutdownWaitTimer);
        S.Cancel(_gcTimer);
        _crashedByPowerLoss = powerLoss;
        if (!powerLoss) CloseHeldConnections();
        _requests.Clear();
        Groups.Clear();
        foreach (var pf in _parked) S.Cancel(pf.Expiry);
        _parked.Clear();
        Array.Clear(_parkedByPartition);
        _fetchSessions.Clear();
        _consumerSessions.Clear();
        _fetchers.Clear();
        _muted.Clear();
        _produceSince.Clear();
        foreach (var p in Replicas)
        {
            foreach (var d in p.DelayedProduces) S.Cancel(d.Expiry);
            p.DelayedProduces.Clear();
            if (powerLoss && !Context.Broker.FlushEveryAppend) LoseUnflushedTail(p);
        }
    }

    private bool _crashedByPowerLoss;

    /// <summary>
    /// The operating system closes a dead process's sockets, so every client and follower whose request
    /// this broker held (queued behind another on its connection, parked as a long-poll fetch, or waiting in
    /// purgatory for acks=all) is told at once and retries elsewhere, instead of waiting out its request
    /// timeout. A power loss tells no one: the host just goes silent.
    /// </summary>
    private void CloseHeldConnections()
    {
        var held = new List<Protocol.KafkaMessage>();
        var seen = new HashSet<Protocol.KafkaMessage>(ReferenceEqualityComparer.Instance);
        void Hold(Protocol.KafkaMessage m)
        {
            if (seen.Add(m)) held.Add(m);
        }
        foreach (var (_, queue) in _muted.OrderBy(kv => kv.Key))
        {
            if (queue is null) continue;
            foreach (var m in queue) Hold(m);
        }
        foreach (var pf in _parked)
        {
            if (!pf.Done) Hold(pf.Request);
        }
        foreach (var p in Replicas)
        {
            foreach (var d in p.DelayedProduces)
            {
                if (!d.Done) Hold(d.Request);
            }
        }
        foreach (var m in held) Context.Network.CloseConnection(m);
    }

    /// <summary>A request the dead process was still reading or handling when it crashed: its connection was closed with it.</summary>
    private void DroppedInFlight(Protocol.KafkaMessage m)
    {
        if (!_crashedByPowerLoss) Context.Network.CloseConnection(m);
    }

    private void LoseUnflushedTail(PartitionReplica p)
    {
        long to = p.Log.FirstOffsetAppendedAfter(S.Now - PageCacheExpiry);
        long removed = p.TruncateTo(to);
        if (removed > 0) Context.Events.Truncated(S.Now, Id, p.Info.Index, to, removed, "power loss: the tail not yet written back from the page cache was lost");
    }

    /// <summary>
    /// The process is started again. While a controlled shutdown is still waiting for the controller the
    /// process has not exited yet, so the start happens once it has. A started process first loads its logs
    /// (LogManager.loadLogs): quick after a clean shutdown, which left the <c>.kafka_cleanshutdown</c> marker,
    /// longer after an unclean one, which recovers every log from its recovery point checkpoint
    /// (<c>num.recovery.threads.per.data.dir</c>); see <see cref="Config.BrokerConfig.StartupTimeClean"/>.
    /// Only then does it register with the controller.
    /// </summary>
    public void Restart()
    {
        if (Alive)
        {
            if (Channel.WantShutdown) _restartAfterShutdown = true;
            return;
        }
        if (_starting) return;
        _starting = true;
        var loadLogs = LastShutdownClean ? Context.Broker.StartupTimeClean : Context.Broker.StartupTimeUnclean;
        _startupTimer = S.Schedule(loadLogs, this, _kStartup);
    }

    private bool _starting, _restartAfterShutdown;

    /// <summary>The process has been started and is still loading its logs; it has not registered yet.</summary>
    internal bool Starting => _starting;
    private EventHandle _startupTimer;

    /// <summary>Raised when a started process has loaded its logs and is about to register.</summary>
    public event Action<KafkaBroker>? Started;

    /// <summary>
    /// Logs loaded: the broker re-registers (fenced until it has caught up with the metadata log), and every
    /// replica starts as a follower until the metadata says otherwise.
    /// </summary>
    private void CompleteStartup()
    {
        _starting = false;
        Alive = true;
        ReopenLogDirs();
        Started?.Invoke(this);
        Channel.MarkRegistered(-1, fenced: true);
        Channel.WantShutdown = false;
        Channel.Reset(Context.Voters[0]);
        foreach (var p in Replicas)
        {
            p.BecomeFollower(Metadata.Partition(p.Info.Index));
            var leader = p.State.Leader;
            if (leader >= 0 && leader != Id) FetcherFor(leader, p.Info).Add(p.Info.Index);
        }
        StartTimers();
    }

    /// <summary>
    /// Starts a controlled shutdown: the controller moves leadership away first, then the process exits. The process
    /// waits for the controller's approval at most <see cref="ControlledShutdownWait"/>, then shuts down anyway.
    /// </summary>
    public void BeginControlledShutdown()
    {
        if (!Alive) return;
        if (!Channel.WantShutdown)
        {
            if (_kShutdownWait < 0) _kShutdownWait = S.Kinds.Register("broker:controlled-shutdown-wait-over");
            _shutdownWaitTimer = S.Schedule(ControlledShutdownWait, this, _kShutdownWait);
        }
        Channel.WantShutdown = true;
        Channel.SendHeartbeat();
    }

    /// <summary>
    /// BrokerServer.shutdown: <c>controlledShutdownFuture.get(5, MINUTES)</c> (later the rest of a 5-minute shutdown
    /// deadline); past it the broker logs "Timed out waiting for the controller to approve controlled shutdown" and shuts
    /// down all the same, flushing its logs (a clean shutdown for the next start), but is not fenced at once: the
    /// controller notices only when its session expires.
    /// </summary>
    private static readonly SimDuration ControlledShutdownWait = SimDuration.FromMinutes(5);

    private int _kShutdownWait = -1;
    private EventHandle _shutdownWaitTimer;

    private void OnControlledShutdownWaitOver()
    {
        if (Channel.WantShutdown) CompleteControlledShutdown();
    }

    /// <summary>Whether the process last stopped by a controlled shutdown (what KIP-966's registration reports).</summary>
    public bool LastShutdownClean { get; private set; } = true;

    internal void CompleteControlledShutdown()
    {
        bool restart = _restartAfterShutdown;
        Crash(powerLoss: false);
        LastShutdownClean = true;
        ShutdownCompleted?.Invoke(this);
        // A restart asked for while the shutdown waited for the controller starts the exited process now.
        if (restart) Restart();
    }
}
