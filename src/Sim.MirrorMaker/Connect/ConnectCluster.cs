using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.MirrorMaker.Config;
using Sim.MirrorMaker.Tasks;
using Sim.Network.Topology;

namespace Sim.MirrorMaker.Connect;

/// <summary>
/// A Kafka Connect cluster running MirrorMaker 2's connectors: workers on nodes, task slots assigned to
/// live workers in turn, and the stored source offsets a task resumes from.
/// <para>
/// Recovery follows incremental cooperative rebalancing (KIP-415). A worker that leaves cleanly has its
/// tasks stopped with a final offset commit and moved at once. A worker that dies takes its tasks down
/// with nothing committed, and the group leader holds them unassigned for one group-wide
/// <c>scheduled.rebalance.max.delay.ms</c>, counted from the first loss, even if the worker comes back
/// meanwhile: when the delay expires a returned worker gets its own tasks again and the others go to the
/// live workers with the fewest tasks (IncrementalCooperativeAssignor.handleLostAssignments; Kafka's
/// IncrementalCooperativeAssignorTest.testTaskAssignmentWhenWorkerBounces: "since the delay is still
/// active, lost assignments are not reassigned yet"). When no worker is left the group is empty and nobody
/// remembers the old assignment, so the delay is dropped and each worker restarts its own tasks on its
/// return. Either way a task starts over from the last flushed offsets.
/// Simplifications: the delay starts at the crash, not after the worker's session timeout; and a departed
/// worker is always treated as a follower (in Kafka a new leader keeps no delay and reassigns the tasks of
/// a departed leader at once, testTaskAssignmentWhenLeaderLeavesPermanently).
/// </para>
/// </summary>
public sealed class ConnectCluster : IEventHandler
{
    private readonly MirrorMakerDeployment _deployment;
    private readonly List<Worker> _workers = [];
    private readonly List<TaskSlot> _slots = [];
    private readonly Dictionary<(string Flow, int Partition), long> _offsets = [];
    private readonly int _kReassign, _kRefreshTopics;
    private readonly HashSet<MirrorFlow> _paused = [];
    private bool _rebalancePending;
    private int _rebalanceToken;

    internal ConnectCluster(MirrorMakerDeployment deployment, ConnectClusterConfig config, IReadOnlyList<Node> workers, IReadOnlyList<MirrorFlow> flows)
    {
        _deployment = deployment;
        Config = config;
        Scheduler = deployment.Scheduler;
        for (int i = 0; i < workers.Count; i++) _workers.Add(new Worker(config.Workers[i], workers[i]));
        Flows = flows;
        _kReassign = Scheduler.Kinds.Register("connect:scheduled-rebalance");
        _kRefreshTopics = Scheduler.Kinds.Register("mm2:refresh-topics");
    }

    public ConnectClusterConfig Config { get; }
    public Scheduler Scheduler { get; }
    public IReadOnlyList<MirrorFlow> Flows { get; }

    /// <summary>The name under which a checkpoint of <paramref name="group"/> from cluster <paramref name="source"/> is stored on the target.</summary>
    public static string CheckpointGroup(string source, string group) => $"{source}.checkpoints.internal/{group}";

    private sealed class Worker(string name, Node node)
    {
        public string Name { get; } = name;
        public Node Node { get; } = node;
        public bool Alive = true;
    }

    private enum SlotKind { Source, Checkpoint, Heartbeat }

    private sealed class TaskSlot(MirrorFlow flow, SlotKind kind, int index)
    {
        public MirrorFlow Flow { get; } = flow;
        public SlotKind Kind { get; } = kind;
        public int Index { get; } = index;
        public Worker? Worker;
        public ITaskInstance? Instance;
        public string Name => $"{Flow.Name}/{Kind.ToString().ToLowerInvariant()}-{Index}";
    }

    /// <summary>Where each task runs now (task name to worker name, or null while it waits for a worker).</summary>
    public IReadOnlyList<(string Task, string? Worker)> Assignments =>
        _slots.Select(s => (s.Name, s.Instance is null ? null : s.Worker?.Name)).ToList();

    internal void Start()
    {
        foreach (var flow in Flows)
        {
            if (flow.Config.StartsPaused) _paused.Add(flow);
            flow.DiscoverTopics(Scheduler.Now);
            for (int i = 0; i < Math.Max(1, flow.Config.TasksMax); i++) _slots.Add(new TaskSlot(flow, SlotKind.Source, i));
            if (flow.Config.EmitCheckpointsEnabled || flow.Config.SyncGroupOffsetsEnabled) _slots.Add(new TaskSlot(flow, SlotKind.Checkpoint, 0));
            if (flow.Config.EmitHeartbeatsEnabled) _slots.Add(new TaskSlot(flow, SlotKind.Heartbeat, 0));
            Scheduler.Schedule(flow.Config.RefreshTopicsInterval, this, _kRefreshTopics, Flows.ToList().IndexOf(flow));
        }
        for (int i = 0; i < _slots.Count; i++) Launch(_slots[i], _workers[i % _workers.Count]);
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (ev.Kind == _kReassign) ScheduledRebalance((int)ev.Arg);
        else if (ev.Kind == _kRefreshTopics)
        {
            var flow = Flows[(int)ev.Arg];
            if (flow.DiscoverTopics(scheduler.Now)) Reconfigure(flow);
            scheduler.Schedule(flow.Config.RefreshTopicsInterval, this, _kRefreshTopics, ev.Arg);
        }
    }

    /// <summary>New topics change the source tasks' partitions: Connect stops them (committing offsets) and starts the new configuration.</summary>
    private void Reconfigure(MirrorFlow flow)
    {
        foreach (var slot in _slots.Where(s => s.Flow == flow && s.Kind == SlotKind.Source && s.Instance is not null))
        {
            slot.Instance!.Stop(graceful: true);
            Launch(slot, slot.Worker!);
        }
    }

    /// <summary>Whether <paramref name="flow"/>'s connectors are paused.</summary>
    public bool IsPaused(MirrorFlow flow) => _paused.Contains(flow);

    /// <summary>
    /// Resumes a paused flow's connectors (Connect's <c>PUT /connectors/{name}/resume</c>, AbstractHerder.resumeConnector):
    /// its tasks start on the workers that hold them, a source task from its flushed offsets or, with none, by its
    /// consumer's <c>auto.offset.reset</c>.
    /// </summary>
    public void Resume(MirrorFlow flow)
    {
        if (_paused.Remove(flow)) Relaunch(flow);
    }

    /// <summary>Pauses a flow's connectors (<c>PUT /connectors/{name}/pause</c>): its tasks commit their offsets and stop, keeping their workers.</summary>
    public void Pause(MirrorFlow flow)
    {
        if (_paused.Add(flow)) Relaunch(flow);
    }

    private void Relaunch(MirrorFlow flow)
    {
        foreach (var slot in _slots.Where(s => s.Flow == flow && s.Instance is not null))
        {
            slot.Instance!.Stop(graceful: true);
            Launch(slot, slot.Worker!);
        }
    }

    // ---- workers ----

    public IReadOnlyList<string> WorkerNames => _workers.Select(w => w.Name).ToList();

    public bool IsAlive(string worker) => Find(worker).Alive;

    /// <summary>The worker's process dies (or its machine): its tasks stop where they are and wait for the scheduled rebalance.</summary>
    public void CrashWorker(string name)
    {
        var w = Find(name);
        if (!w.Alive) return;
        w.Alive = false;
        foreach (var slot in _slots.Where(s => s.Worker == w && s.Instance is not null))
        {
            slot.Instance!.Stop(graceful: false);
            slot.Instance = null;
        }
        if (!_workers.Any(x => x.Alive))
        {
            // The group is empty: the leader that kept the previous assignment and its delay is gone.
            _rebalancePending = false;
            _rebalanceToken++;
        }
        else if (!_rebalancePending)
        {
            _rebalancePending = true;
            Scheduler.Schedule(Config.ScheduledRebalanceMaxDelay, this, _kReassign, ++_rebalanceToken);
        }
    }

    /// <summary>The worker leaves the group cleanly: its tasks commit their offsets and move at once.</summary>
    public void StopWorker(string name)
    {
        var w = Find(name);
        if (!w.Alive) return;
        w.Alive = false;
        var moving = _slots.Where(s => s.Worker == w && s.Instance is not null).ToList();
        foreach (var slot in moving)
        {
            slot.Instance!.Stop(graceful: true);
            slot.Instance = null;
        }
        AssignToLeastLoaded(moving);
    }

    /// <summary>
    /// The worker rejoins. While a scheduled rebalance is pending its tasks stay unassigned until the delay
    /// expires (the leader assigns lost tasks only then, to the workers that came back empty); with no
    /// rebalance pending it starts the tasks still waiting for it at once.
    /// </summary>
    public void RestartWorker(string name)
    {
        var w = Find(name);
        if (w.Alive) return;
        w.Alive = true;
        if (_rebalancePending) return;
        foreach (var slot in _slots.Where(s => s.Worker == w && s.Instance is null)) Launch(slot, w);
    }

    /// <summary>The delay expired: lost tasks go back to their worker if it returned, else to the least loaded live workers.</summary>
    private void ScheduledRebalance(int token)
    {
        if (!_rebalancePending || token != _rebalanceToken) return;
        _rebalancePending = false;
        var lost = _slots.Where(s => s.Instance is null).ToList();
        foreach (var slot in lost.Where(s => s.Worker is { Alive: true })) Launch(slot, slot.Worker!);
        AssignToLeastLoaded(lost.Where(s => s.Instance is null).ToList());
    }

    private void AssignToLeastLoaded(IReadOnlyList<TaskSlot> slots)
    {
        foreach (var slot in slots)
        {
            var target = _workers.Where(w => w.Alive).OrderBy(w => _slots.Count(s => s.Worker == w && s.Instance is not null)).ThenBy(w => _workers.IndexOf(w)).FirstOrDefault();
            if (target is null) return;
            Launch(slot, target);
        }
    }

    private Worker Find(string name) => _workers.FirstOrDefault(w => w.Name == name)
        ?? throw new ArgumentException($"Connect cluster '{Config.Name}' has no worker '{name}'");

    private void Launch(TaskSlot slot, Worker worker)
    {
        slot.Worker = worker;
        var flow = slot.Flow;
        if (_paused.Contains(flow))
        {
            // A paused task keeps its place on the worker and does nothing (WorkerTask.transitionTo(PAUSED)).
            slot.Instance = new IdleTask();
            return;
        }
        switch (slot.Kind)
        {
            case SlotKind.Source:
                var mine = flow.SourcePartitions.Where((_, i) => i % Math.Max(1, flow.Config.TasksMax) == slot.Index).ToList();
                slot.Instance = mine.Count == 0 ? new IdleTask()
                    : new SourceTask(flow, this, worker.Node, mine, ClientId(slot, worker, "consumer"), ClientId(slot, worker, "producer"));
                break;
            case SlotKind.Checkpoint:
                slot.Instance = new CheckpointTask(flow, Scheduler, worker.Node, ClientId(slot, worker, "source group-offsets client"), ClientId(slot, worker, "target group-offsets client"));
                break;
            case SlotKind.Heartbeat:
                slot.Instance = new HeartbeatTask(flow, Scheduler, worker.Node, ClientId(slot, worker, "producer"));
                break;
        }
    }

    /// <summary>A client id for a task's client, named after its connector, flow, task and worker.</summary>
    private int ClientId(TaskSlot slot, Worker worker, string client) =>
        _deployment.NextClientId($"MirrorMaker 2 task {slot.Name} {client} (worker {worker.Name})");

    private sealed class IdleTask : ITaskInstance
    {
        public void Stop(bool graceful) { }
    }

    // ---- source offsets (Connect's offsets topic) ----

    /// <summary>
    /// The flushed position of a source partition, or -1 when none was ever flushed (the task then starts
    /// by its consumer's <c>auto.offset.reset</c>, earliest). Connect keeps these in a topic on the target
    /// cluster; the model keeps them safe from every fault.
    /// </summary>
    public long StoredOffset(MirrorFlow flow, int sourcePartition) => _offsets.GetValueOrDefault((flow.Name, sourcePartition), -1);

    internal void StoreOffset(MirrorFlow flow, int sourcePartition, long offset) => _offsets[(flow.Name, sourcePartition)] = offset;

    /// <summary>Whether a task of this cluster is running on a node (for faults that take a machine down).</summary>
    public string? WorkerOn(Node node) => _workers.FirstOrDefault(w => w.Node == node)?.Name;

    public SimTime Now => Scheduler.Now;
}
