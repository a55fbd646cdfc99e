using Sim.Core.Time;

namespace Sim.Kafka.Broker;

/// <summary>
/// What a leader knows of one follower, learned from its fetches (Replica.scala): its LEO, and when it
/// was last caught up, the clock the ISR lag rule runs on.
/// </summary>
public sealed class FollowerState(int brokerId)
{
    public int BrokerId { get; } = brokerId;

    /// <summary>The follower's log end offset as of its last fetch; -1 until it fetches from this leader.</summary>
    public long LogEndOffset { get; set; } = -1;

    /// <summary>
    /// The last time the follower's fetch reached the leader's LEO, or reached the LEO the leader had at
    /// the follower's previous fetch (Kafka's rule, so a follower fetching steadily under load stays in sync).
    /// </summary>
    public SimTime LastCaughtUp { get; set; }

    public SimTime LastFetch { get; set; }

    public long LeaderEndOffsetAtLastFetch { get; set; }

    /// <summary>The high watermark last sent to this follower; unchanged partitions are left out of its fetch responses (KIP-227).</summary>
    public long HighWatermarkSent { get; set; } = -1;

    public void OnFetch(SimTime now, long fetchOffset, long leaderEnd)
    {
        if (fetchOffset >= leaderEnd) LastCaughtUp = now;
        else if (fetchOffset >= LeaderEndOffsetAtLastFetch) LastCaughtUp = LastFetch;
        LogEndOffset = fetchOffset;
        LastFetch = now;
        LeaderEndOffsetAtLastFetch = leaderEnd;
    }
}
