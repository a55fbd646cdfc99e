using Sim.Core.Time;

namespace Sim.Kafka.Broker;

/// <summary>
/// One side of a broker's replication throttle (ReplicationQuotaManager, KIP-73):
/// <c>leader.replication.throttled.rate</c> caps the bytes the broker serves to throttled followers,
/// <c>follower.replication.throttled.rate</c> the bytes it fetches for throttled replicas, in bytes per
/// second. Throttled replicas are those of partitions being reassigned that are not in the ISR
/// (kafka-reassign-partitions sets the throttled-replica lists to the moving replicas; an in-sync
/// replica is never throttled). Kafka measures the rate over <c>replication.quota.window.num</c> one-second
/// windows and leaves throttled partitions out of a fetch while the measured rate is above the bound; the
/// model keeps a bucket that refills at the rate and holds at most one second of it, and leaves them out
/// while it is empty, which converges on the same average rate.
/// </summary>
public sealed class ReplicationQuota
{
    private double _available;
    private SimTime _refilledAt;

    /// <summary>The bound in bytes per second; <see cref="long.MaxValue"/> (Kafka's default) throttles nothing.</summary>
    public long Rate { get; private set; } = long.MaxValue;

    public bool Unbounded => Rate == long.MaxValue;

    /// <summary>Sets the bound (a dynamic broker config change); the bucket starts full.</summary>
    public void SetRate(long bytesPerSecond, SimTime now)
    {
        Rate = bytesPerSecond;
        _available = bytesPerSecond;
        _refilledAt = now;
    }

    /// <summary>Whether throttled replicas must wait: the bytes already moved use up the bound.</summary>
    public bool IsExceeded(SimTime now)
    {
        if (Unbounded) return false;
        Refill(now);
        return _available <= 0;
    }

    /// <summary>Counts bytes moved for throttled replicas.</summary>
    public void Record(long bytes, SimTime now)
    {
        if (Unbounded) return;
        Refill(now);
        _available -= bytes;
    }

    private void Refill(SimTime now)
    {
        _available = Math.Min(Rate, _available + Rate * (now - _refilledAt).TotalSeconds);
        _refilledAt = now;
    }
}
