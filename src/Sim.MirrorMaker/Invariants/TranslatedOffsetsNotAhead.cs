using Sim.Core.Scheduling;
using Sim.Kafka.Log;
using Sim.MirrorMaker.Connect;

namespace Sim.MirrorMaker.Invariants;

/// <summary>
/// A translated consumer offset is never ahead of the true position (KIP-382, KAFKA-14666): every record the
/// target partition holds below the translated offset was copied from below the committed upstream offset,
/// so a consumer that resumes there on the target reprocesses rather than skips. Checked on the target
/// leader's log each time the checkpoint task translates an offset.
/// </summary>
public sealed class TranslatedOffsetsNotAhead : IInvariant
{
    private readonly List<(MirrorFlow Flow, string Group, int Source, long Upstream, int Target, long Downstream)> _pending = [];
    private readonly List<RecordBatch> _read = [];

    public TranslatedOffsetsNotAhead(IEnumerable<MirrorFlow> flows)
    {
        foreach (var f in flows)
        {
            var flow = f;
            flow.Translated += (group, source, upstream, target, downstream) => _pending.Add((flow, group, source, upstream, target, downstream));
        }
    }

    public string Name => "translated consumer offsets never ahead of the true position";

    /// <summary>How far below the translated offset the target log is read: the records a translation could skip sit just below it.</summary>
    private const long Reach = 20_000;

    public string? Check(Scheduler scheduler)
    {
        if (_pending.Count == 0) return null;
        foreach (var (flow, group, source, upstream, target, downstream) in _pending)
        {
            var log = flow.Target.FinalLog(target);
            if (log is null) continue;
            long to = Math.Min(downstream, log.LogEndOffset);
            long from = Math.Max(log.LogStartOffset, to - Reach);
            if (to <= from) continue;
            _read.Clear();
            log.Read(from, to, int.MaxValue, _read);
            foreach (var b in _read)
            {
                if (!b.Origin.IsSet || b.Origin.Partition != source || b.Origin.Cluster != flow.SourceClusterId) continue;
                // Only the records of the batch below the translated offset count.
                long below = Math.Min(b.NextOffset, to) - b.BaseOffset;
                if (below <= 0) continue;
                long lastUpstream = b.Origin.Offset + below - 1;
                if (lastUpstream >= upstream)
                {
                    _pending.Clear();
                    return $"{flow.Name}: group '{group}' committed upstream offset {upstream} of {flow.SourcePartition(source).Name}, translated to {downstream} on " +
                           $"{flow.Target.Context.Partitions[target].Name}, but target offset {b.BaseOffset + below - 1} below it holds upstream offset {lastUpstream}: a consumer resuming there skips it";
                }
            }
        }
        _pending.Clear();
        return null;
    }
}
