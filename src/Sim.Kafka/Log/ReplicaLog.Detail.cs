using Sim.Core.Time;

namespace Sim.Kafka.Log;

/// <summary>The detailed part of a replica's log as a whole: its batches read out, and their coalescing into runs.</summary>
public sealed partial class ReplicaLog
{
    /// <summary>The batches held in detail, oldest first.</summary>
    public IEnumerable<RecordBatch> RecentBatches
    {
        get
        {
            int cursor = 0;
            for (int i = 0; i < _batches.Count; i++) yield return _batches[i].ToBatch(_payloads.Next(ref cursor, _batches[i].BaseOffset));
        }
    }

    /// <summary>
    /// Coalesces batches appended before <paramref name="cutoff"/> and below <paramref name="maxOffset"/>
    /// into runs (one per epoch stretch, split when a run would cover more than <paramref name="maxRunSpan"/>
    /// of create time). Batches carrying a payload stop the archiving: internal topics keep theirs.
    /// </summary>
    public void Archive(SimTime cutoff, long maxOffset, SimDuration maxRunSpan)
    {
        while (_batches.Count > 0)
        {
            ref readonly var b = ref _batches[0];
            if (b.AppendTime >= cutoff || b.NextOffset > maxOffset || _payloads.At(b.BaseOffset) is not null) break;
            if (!_runs.TryExtendLast(b, maxRunSpan))
            {
                _runs.Add(new LogRun
                {
                    BaseOffset = b.BaseOffset, NextOffset = b.NextOffset, Bytes = b.Bytes, LeaderEpoch = b.LeaderEpoch,
                    FirstCreateTime = b.CreateTime, LastCreateTime = b.CreateTime, LastAppendTime = b.AppendTime, Origin = b.Origin,
                });
            }
            _batches.RemoveFirst();
        }
        // A follower catching up fills the ring with a whole log: give the room back once archived.
        _batches.TrimExcess();
    }
}
