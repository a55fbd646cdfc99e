using Sim.Core.Metrics;
using Sim.Core.Time;

namespace Sim.MirrorMaker.Connect;

/// <summary>
/// What one flow did, measured from its own tasks: records written downstream, records sent again after
/// a restart or rebalance, replication lag (from the record timestamps MirrorMaker 2 preserves, and from
/// heartbeats, which measure it end to end even when no data flows), offset syncs and checkpoints.
/// </summary>
public sealed class MirrorMetrics
{
    /// <summary>Records acknowledged by the target.</summary>
    public long RecordsMirrored { get; internal set; }

    public long BytesMirrored { get; internal set; }

    /// <summary>Records sent downstream again whose upstream offsets had been acknowledged before (a task resumed from an older flush).</summary>
    public long RecordsResent { get; internal set; }

    /// <summary>Records the target refused for good.</summary>
    public long RecordsFailed { get; internal set; }

    public long CheckpointsEmitted { get; internal set; }

    /// <summary>When the last checkpoint was written to the target (null before the first): the seed's checkpoint lag is the time since.</summary>
    public SimTime? LastCheckpointAt { get; internal set; }
    public long GroupOffsetsSynced { get; internal set; }

    /// <summary>Source task instances started (initial ones, restarts and reassignments).</summary>
    public int TaskStarts { get; internal set; }

    /// <summary>The remote topics and partitions the flow asked the target to create mid-run, with the controller's answer.</summary>
    public List<string> TopicOperations { get; } = [];

    /// <summary>Replication lag of data: the time from a record's creation to its acknowledgement by the target.</summary>
    public RunningStatistics RecordLagMs;

    /// <summary>Heartbeat arrivals on the target: when, and how old the heartbeat was (its end-to-end replication lag).</summary>
    public List<(SimTime At, SimDuration Lag)> Heartbeats { get; } = [];

    /// <summary>The heartbeat lags seen between <paramref name="from"/> and <paramref name="to"/>, in milliseconds.</summary>
    public IEnumerable<double> HeartbeatLagMs(SimTime from, SimTime to) =>
        Heartbeats.Where(h => h.At >= from && h.At < to).Select(h => h.Lag.TotalMilliseconds);
}
