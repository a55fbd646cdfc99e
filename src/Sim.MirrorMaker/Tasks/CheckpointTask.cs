using Sim.Core.Scheduling;
using Sim.Kafka.Clients;
using Sim.MirrorMaker.Connect;
using Sim.Network.Topology;

namespace Sim.MirrorMaker.Tasks;

/// <summary>
/// A MirrorCheckpointTask: every <c>emit.checkpoints.interval.seconds</c> it reads each replicated consumer
/// group's committed offsets on the source, translates them through the flow's offset syncs, and writes
/// them as a checkpoint on the target; with <c>sync.group.offsets.enabled</c> it also writes them, every
/// <c>sync.group.offsets.interval.seconds</c>, into the group of the same name on the target, only forward
/// and only while no consumer of that group is active there.
/// <para>
/// Kafka keeps checkpoints in the target's <c>SOURCE.checkpoints.internal</c> topic; the model commits them
/// to the target's group coordinator under <see cref="ConnectCluster.CheckpointGroup"/>, which gives them
/// the same replication and the same read path for a consumer that fails over.
/// </para>
/// </summary>
internal sealed class CheckpointTask : ITaskInstance, IEventHandler
{
    private readonly MirrorFlow _flow;
    private readonly Scheduler _scheduler;
    private readonly GroupOffsetsClient _source;
    private readonly GroupOffsetsClient _target;
    private readonly int _kCheckpoint, _kSync, _kGroups;
    private List<string> _groups = [];
    private bool _stopped;

    /// <summary>The worker's node: the task runs in the worker's process, so a pause of the worker holds it.</summary>
    public int Host { get; }

    public CheckpointTask(MirrorFlow flow, Scheduler scheduler, Node worker, int sourceClientId, int targetClientId)
    {
        _flow = flow;
        _scheduler = scheduler;
        Host = worker.Index;
        _source = new GroupOffsetsClient(flow.Source.Context, sourceClientId, worker);
        _target = new GroupOffsetsClient(flow.Target.Context, targetClientId, worker);
        var k = scheduler.Kinds;
        _kCheckpoint = k.Register("mm2:emit-checkpoints");
        _kSync = k.Register("mm2:sync-group-offsets");
        _kGroups = k.Register("mm2:refresh-groups");
        RefreshGroups();
        if (flow.Config.EmitCheckpointsEnabled) scheduler.Schedule(flow.Config.EmitCheckpointsInterval, this, _kCheckpoint);
        if (flow.Config.SyncGroupOffsetsEnabled) scheduler.Schedule(flow.Config.SyncGroupOffsetsInterval, this, _kSync);
        scheduler.Schedule(flow.Config.RefreshGroupsInterval, this, _kGroups);
    }

    public void Stop(bool graceful)
    {
        _stopped = true;
        _source.Stop();
        _target.Stop();
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (_stopped) return;
        if (ev.Kind == _kCheckpoint)
        {
            foreach (var g in _groups) ReadAndTranslate(g, (group, translated) => WriteCheckpoint(group, translated));
            scheduler.Schedule(_flow.Config.EmitCheckpointsInterval, this, _kCheckpoint);
        }
        else if (ev.Kind == _kSync)
        {
            foreach (var g in _groups)
            {
                if (!GroupActiveOnTarget(g)) ReadAndTranslate(g, SyncGroup);
            }
            scheduler.Schedule(_flow.Config.SyncGroupOffsetsInterval, this, _kSync);
        }
        else if (ev.Kind == _kGroups)
        {
            RefreshGroups();
            scheduler.Schedule(_flow.Config.RefreshGroupsInterval, this, _kGroups);
        }
    }

    /// <summary>The consumer groups on the source that pass the group filter (applications, not MirrorMaker's own consumers).</summary>
    private void RefreshGroups() => _groups = _flow.Source.Consumers
        .Where(c => c.Sink is null && _flow.GroupFilter.Matches(c.Config.GroupId))
        .Select(c => c.Config.GroupId).Distinct().OrderBy(g => g, StringComparer.Ordinal).ToList();

    private bool GroupActiveOnTarget(string group) => _flow.Target.Consumers.Any(c => c.Sink is null && c.Config.GroupId == group && c.Running);

    private void ReadAndTranslate(string group, Action<string, Dictionary<int, long>> then)
    {
        _source.ReadOffsets(group, offsets =>
        {
            if (_stopped || offsets is null) return;
            var translated = new Dictionary<int, long>();
            foreach (var (partition, upstream) in offsets.OrderBy(kv => kv.Key))
            {
                if (!_flow.Replicates(partition)) continue;
                if (_flow.Syncs.Translate(partition, upstream) is { } downstream)
                {
                    translated[_flow.TargetOf(partition)] = downstream;
                    _flow.Translated?.Invoke(group, partition, upstream, _flow.TargetOf(partition), downstream);
                }
            }
            if (translated.Count > 0) then(group, translated);
        });
    }

    private void WriteCheckpoint(string group, Dictionary<int, long> translated) =>
        _target.WriteOffsets(ConnectCluster.CheckpointGroup(_flow.Config.Source, group), translated, ok =>
        {
            if (!ok) return;
            _flow.Metrics.CheckpointsEmitted++;
            _flow.Metrics.LastCheckpointAt = _scheduler.Now;
        });

    private void SyncGroup(string group, Dictionary<int, long> translated) =>
        _target.ReadOffsets(group, existing =>
        {
            if (_stopped || existing is null || GroupActiveOnTarget(group)) return;
            var merged = new Dictionary<int, long>(existing);
            bool moved = false;
            foreach (var (p, o) in translated)
            {
                if (merged.TryGetValue(p, out var old) && old >= o) continue;
                merged[p] = o;
                moved = true;
            }
            if (!moved) return;
            _target.WriteOffsets(group, merged, ok =>
            {
                if (ok) _flow.Metrics.GroupOffsetsSynced++;
            });
        });
}
