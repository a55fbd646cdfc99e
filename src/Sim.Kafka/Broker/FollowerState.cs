using Sim.Core.Time;

namespace Sim.Kafka.Broker;

/// <summary>
/// What a leader knows of one follower, learned from its fetches (Replica.scala): its LEO, and when it
/// was last caught up, the clock the ISR lag rule runs on.
/// </summary>
/// <remarks>
/// A partition with no news for the follower is left out of its incremental fetches (KIP-227), so the leader does
/// not visit it on each fetch. Replica.updateFetchStateOrThrow would set its lastCaughtUpTimeMs to the fetch time on
/// every one of them, since the fetch offset equals the leader's LEO (no append since: an append brings the partition
/// back into the session's answer). The state is then "quiet": it reads the time of the session's last fetch,
/// exactly what visiting the partition on each fetch would have written, until the partition is touched again.
/// </remarks>
public sealed class FollowerState(int brokerId)
{
    private SimTime _lastCaughtUp;
    private SimTime _lastFetch;
    private LeaderFetchSession? _quietIn;
    private long _quietFetches;

    public int BrokerId { get; } = brokerId;

    /// <summary>The follower's log end offset as of its last fetch; -1 until it fetches from this leader.</summary>
    public long LogEndOffset { get; set; } = -1;

    /// <summary>
    /// The last time the follower's fetch reached the leader's LEO, or reached the LEO the leader had at
    /// the follower's previous fetch (Kafka's rule, so a follower fetching steadily under load stays in sync).
    /// </summary>
    public SimTime LastCaughtUp
    {
        get => QuietFetched ? _quietIn!.LastFetchTime : _lastCaughtUp;
        set => _lastCaughtUp = value;
    }

    public SimTime LastFetch
    {
        get => QuietFetched ? _quietIn!.LastFetchTime : _lastFetch;
        set => _lastFetch = value;
    }

    public long LeaderEndOffsetAtLastFetch { get; set; }

    /// <summary>The high watermark last sent to this follower; unchanged partitions are left out of its fetch responses (KIP-227).</summary>
    public long HighWatermarkSent { get; set; } = -1;

    // The session has fetched since the partition went quiet: each of those fetches found the follower caught up.
    private bool QuietFetched => _quietIn is { } s && s.FetchCount > _quietFetches;

    public void OnFetch(SimTime now, long fetchOffset, long leaderEnd)
    {
        Wake();
        if (fetchOffset >= leaderEnd) LastCaughtUp = now;
        else if (fetchOffset >= LeaderEndOffsetAtLastFetch) LastCaughtUp = LastFetch;
        LogEndOffset = fetchOffset;
        LastFetch = now;
        LeaderEndOffsetAtLastFetch = leaderEnd;
    }

    /// <summary>
    /// The partition had nothing for the follower in <paramref name="session"/>, whose fetch offset for it equals the
    /// leader's LEO: later fetches of the session leave it out and each counts as a fetch that found it caught up.
    /// </summary>
    internal void Quiet(LeaderFetchSession session)
    {
        Wake();
        _quietIn = session;
        _quietFetches = session.FetchCount;
    }

    /// <summary>Writes down what the fetches since the partition went quiet did (Replica.updateFetchStateOrThrow on each), and ends the quiet.</summary>
    internal void Wake()
    {
        if (_quietIn is null) return;
        if (QuietFetched)
        {
            _lastCaughtUp = _quietIn.LastFetchTime;
            _lastFetch = _quietIn.LastFetchTime;
            // Unchanged since the partition went quiet: the follower had reached it, and nothing was appended since.
            LeaderEndOffsetAtLastFetch = LogEndOffset;
        }
        _quietIn = null;
    }
}
