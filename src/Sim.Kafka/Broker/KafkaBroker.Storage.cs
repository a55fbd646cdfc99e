using Sim.Core.Time;

namespace Sim.Kafka.Broker;

/// <summary>
/// The broker's log directories: what its replicas' logs hold on each disk, retention (LogManager.cleanupLogs
/// every <c>log.retention.check.interval.ms</c>), and a full disk, which takes its directory offline
/// (LogDirFailureChannel, KIP-112): the directory's replicas stop serving and the controller is told through the
/// broker's heartbeat (KIP-858), so it moves their leadership; when no directory is left,
/// LogManager.handleLogDirFailure halts the broker process ("Shutdown broker because all log dirs ... have failed",
/// Exit.halt; <see cref="Halt"/>).
/// With a single log directory, which also holds the KRaft metadata log, a full disk therefore stops the broker.
/// </summary>
public sealed partial class KafkaBroker
{
    private LogDirectory[] _logDirs = [];
    // On the run's horizon clock (ClusterContext.Horizon).
    private SimTime _nextRetentionCheck;

    /// <summary>
    /// LogManager starts its retention task after <c>InitialTaskDelayMs</c> (30 s) and repeats it every
    /// <c>log.retention.check.interval.ms</c>.
    /// </summary>
    private static readonly SimDuration RetentionInitialDelay = SimDuration.FromSeconds(30);

    /// <summary>The broker's log directories (<c>log.dirs</c>), one per disk of its hardware.</summary>
    public IReadOnlyList<LogDirectory> LogDirs => _logDirs;

    /// <summary>Bytes the broker's logs hold on its disks now.</summary>
    public long StorageUsedBytes
    {
        get
        {
            long used = 0;
            foreach (var d in _logDirs) used += d.UsedBytes;
            return used;
        }
    }

    /// <summary>Creates one directory per disk and places the replicas in them, each in the one holding fewest (LogManager.nextLogDirs).</summary>
    private void CreateLogDirs()
    {
        var hw = Context.Broker.Hardware;
        _logDirs = new LogDirectory[Math.Max(1, hw.DiskCount)];
        for (int i = 0; i < _logDirs.Length; i++) _logDirs[i] = new LogDirectory(i, hw.DiskSizeBytes);
        _nextRetentionCheck = SimTime.Zero + RetentionInitialDelay;
    }

    private LogDirectory NextLogDir(int placed) => _logDirs[placed % _logDirs.Length];

    /// <summary>Runs retention once its interval has passed (called from the once-a-second log housekeeping).</summary>
    private void MaybeCleanupLogs()
    {
        // The check's interval and the segments' ages are on the horizon clock (HorizonClock): a hybrid run's skipped
        // spans count, so the first housekeeping of a window after a long skipped span runs the check Kafka ran in it.
        var horizonNow = Context.Horizon.ToHorizon(S.Now);
        if (horizonNow < _nextRetentionCheck) return;
        _nextRetentionCheck = horizonNow + Context.Broker.LogRetentionCheckInterval;
        foreach (var p in Replicas)
        {
            // __consumer_offsets is compacted, not deleted by time (cleanup.policy=compact).
            if (p.IsInternal || p.Dir.Offline) continue;
            // A retention changed by kafka-configs --alter applies from the next check (UnifiedLog.updateConfig).
            p.Log.Config = Context.Broker.Log.WithOverrides(Context.TopicNow(p.Info));
            p.DeleteOldSegments(horizonNow, Context.RemoteLog?.UploadedOffset(p.Info.Index));
        }
    }

    /// <summary>
    /// Whether <paramref name="bytes"/> can be written to <paramref name="p"/>'s log. A write to a full disk fails
    /// with an I/O error and takes the directory offline.
    /// </summary>
    private bool CanWrite(PartitionReplica p, int bytes)
    {
        if (p.Dir.Offline) return false;
        if (p.Dir.HasRoomFor(bytes)) return true;
        FailLogDir(p.Dir, $"disk full: {p.Dir.UsedBytes} of {p.Dir.CapacityBytes} bytes used, a write of {bytes} more failed");
        return false;
    }

    private void FailLogDir(LogDirectory dir, string cause)
    {
        TakeOffline(dir, cause);
        // Exit.halt is an abrupt exit: no controlled shutdown. It happens right after the failing request.
        if (!Array.Exists(_logDirs, d => !d.Offline)) S.Schedule(SimDuration.Zero, this, _kLogDirHalt);
        else Channel.SendHeartbeat();
    }

    private void TakeOffline(LogDirectory dir, string cause)
    {
        dir.Offline = true;
        Context.Events.LogDirFailed(S.Now, Id, dir.Index, cause);
        foreach (var p in Replicas)
        {
            if (p.Dir != dir) continue;
            // Its fetches now answer KAFKA_STORAGE_ERROR: the sessions holding it look at it again.
            _fetchSessions.Touched(p.Info.Index);
            // ReplicaManager.handleLogDirFailure: stop fetching for the offline replicas.
            if (!p.IsLeader && p.State.Leader >= 0 && _fetchers.TryGetValue((p.State.Leader, FetcherId(p.Info, Context.Broker.NumReplicaFetchers)), out var f)) f.Remove(p.Info.Index);
        }
    }

    /// <summary>
    /// The disks fail and take their data with them: every log directory goes offline as after an I/O error
    /// (LogDirFailureChannel.maybeAddOfflineLogDir), so, with no directory left, LogManager.handleLogDirFailure
    /// halts the process at once (<see cref="Halt"/>: Exit.halt, the JVM and any controller in it gone, the host
    /// refusing connections) before it can report the directories in a heartbeat; what the directories held is
    /// gone, so every replica's log is empty from its log start offset. A restarted broker (the disk replaced)
    /// finds empty directories and fetches its replicas again from their leaders; a replica that was the only one
    /// in its ISR has lost the partition's data, the case KIP-966's eligible leader replicas guard against.
    /// </summary>
    public void LoseLogs(string cause)
    {
        if (!Alive) return;
        foreach (var d in _logDirs)
        {
            if (!d.Offline) TakeOffline(d, cause);
        }
        Halt();
        foreach (var p in Replicas)
        {
            long removed = p.TruncateTo(p.Log.LogStartOffset);
            if (removed > 0) Context.Events.Truncated(S.Now, Id, p.Info.Index, p.Log.LogStartOffset, removed, "disk failure: the log directory and its data were lost");
        }
    }

    /// <summary>Partitions whose replica here sits in an offline directory, for the heartbeat (KIP-858's offline log dirs).</summary>
    internal int[] OfflinePartitions()
    {
        if (Array.TrueForAll(_logDirs, d => !d.Offline)) return [];
        return Replicas.Where(p => p.Dir.Offline).Select(p => p.Info.Index).ToArray();
    }

    /// <summary>A restarted process checks its directories again; a disk still full fails again at the next write.</summary>
    private void ReopenLogDirs()
    {
        foreach (var d in _logDirs) d.Offline = false;
        foreach (var p in Replicas) _fetchSessions.Touched(p.Info.Index);
    }
}
