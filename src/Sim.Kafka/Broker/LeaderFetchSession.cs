using System.Runtime.InteropServices;
using Sim.Core.Time;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>
/// A leader's incremental fetch session with one follower's fetcher thread (KIP-227; FetchSession in
/// FetchSession.scala, held in the FetchSessionCache where followers' sessions are privileged). It caches what the
/// follower last asked for each partition (CachedPartition), so an incremental fetch names only the partitions whose
/// fetch offset or epochs changed, and it keeps the partitions that may have news for the follower ("live"): those
/// named, and those touched since they were last looked at and found to have nothing (IncrementalFetchContext sends
/// only partitions whose high watermark, log start or error changed, or that have data). A fetch and a wake of the
/// session's parked fetch visit only the live partitions, so their cost follows the news, not the session's size.
/// </summary>
/// <remarks>
/// Invariant: a partition that is not live was last looked at in this session with the follower's fetch offset at
/// the leader's LEO and its high watermark already sent, and nothing about it on the leader has changed since (every
/// change touches it, <see cref="IPartitionWatcher"/>), so looking at it again would find the same nothing; only the
/// ISR lag clock would move, which <see cref="FollowerState"/> reads lazily from <see cref="LastFetchTime"/>.
/// </remarks>
public sealed class LeaderFetchSession(long id, int replicaId, int clientId)
{
    // The live list is kept in the follower's order up to _sortedCount; partitions made live since are appended
    // after it, and the next look sorts only them and merges them in.
    private readonly List<SessionPartition> _live = [];
    private int _sortedCount;
    // Partitions touched since a wake of the parked fetch last found that no live partition could answer it
    // (KafkaBroker.WakeCannotAnswer): only they can have changed since, so only they are looked at by the next wake.
    private readonly List<SessionPartition> _touchedSinceCheck = [];
    private bool _wakeChecked;

    public long Id { get; } = id;
    public int ReplicaId { get; } = replicaId;
    public int ClientId { get; } = clientId;

    // The session's partitions (the leader's cache of what the follower fetches), in no particular order; found by
    // partition through the broker's FetchSessionCache, which lists each partition's sessions.
    private readonly List<SessionPartition> _all = [];

    /// <summary>How many partitions the session holds.</summary>
    public int Count => _all.Count;

    /// <summary>How many fetches the session has had, and when the last arrived: what quiet partitions' lag clocks read.</summary>
    public long FetchCount { get; private set; }

    public SimTime LastFetchTime { get; private set; }

    /// <summary>The session's fetch waiting for data, if any (a follower has one fetch in flight per session).</summary>
    public ParkedFetch? Parked { get; set; }

    /// <summary>Partitions looked at by the session's fetches and wakes so far (what the fetch-session tests count).</summary>
    public long Visited { get; private set; }

    internal void BeginFetch(SimTime now)
    {
        FetchCount++;
        LastFetchTime = now;
        // A new fetch: its parked fetch, if it parks, is looked at afresh.
        SetWakeChecked(false);
    }

    /// <summary>
    /// Whether the last wake of the parked fetch looked at every live partition and found none that could answer it;
    /// <see cref="TouchedSinceCheck"/> then holds those touched since (every change to a partition touches it).
    /// </summary>
    internal bool WakeChecked => _wakeChecked;

    internal List<SessionPartition> TouchedSinceCheck => _touchedSinceCheck;

    /// <summary>Records the outcome of a wake's look at the live partitions, forgetting what was touched before it.</summary>
    internal void SetWakeChecked(bool cannotAnswer)
    {
        foreach (var sp in _touchedSinceCheck) sp.TouchedSinceCheck = false;
        _touchedSinceCheck.Clear();
        _wakeChecked = cannotAnswer;
    }

    internal void CountVisited(int partitions) => Visited += partitions;

    internal SessionPartition Add(in FetchEntry entry)
    {
        var sp = new SessionPartition(this, entry) { Slot = _all.Count };
        _all.Add(sp);
        sp.Live = true;
        sp.Pending = true;
        sp.Listed = true;
        _live.Add(sp);
        return sp;
    }

    /// <summary>Brings <paramref name="sp"/> back into the next look (it was named, or something about it changed).</summary>
    internal void MakeLive(SessionPartition sp)
    {
        if (sp.Removed) return;
        if (_wakeChecked && !sp.TouchedSinceCheck)
        {
            sp.TouchedSinceCheck = true;
            _touchedSinceCheck.Add(sp);
        }
        sp.Pending = true;
        if (sp.Live) return;
        sp.Live = true;
        sp.QuietFollower?.Wake();
        sp.QuietFollower = null;
        // A partition gone quiet stays in the list until the next look compacts it: listed once only.
        if (sp.Listed) return;
        sp.Listed = true;
        _live.Add(sp);
    }

    /// <summary>The partition had nothing for the follower: leave it out of later looks until it is touched.</summary>
    internal void MakeQuiet(SessionPartition sp, FollowerState follower)
    {
        // Touched since a fetch last updated the follower from it: the next fetch must (an AlterPartition answered, say,
        // lets the ISR grow), so it stays in until then.
        if (sp.Pending) return;
        sp.Live = false;
        sp.QuietFollower = follower;
        follower.Quiet(this);
    }

    internal void Remove(SessionPartition sp)
    {
        sp.Removed = true;
        sp.Live = false;
        sp.QuietFollower?.Wake();
        sp.QuietFollower = null;
        // The last partition takes the removed one's place.
        var last = _all[^1];
        _all[sp.Slot] = last;
        last.Slot = sp.Slot;
        _all.RemoveAt(_all.Count - 1);
    }

    /// <summary>The session's partitions, in no particular order (a closing session removes each).</summary>
    internal void CopyAll(List<SessionPartition> into) => into.AddRange(_all);

    /// <summary>The live partitions in the follower's order, into <paramref name="into"/> (cleared first).</summary>
    internal void CollectLive(List<SessionPartition> into, bool forUpdate = false)
    {
        into.Clear();
        int kept = 0, sortedKept = 0;
        for (int i = 0; i < _live.Count; i++)
        {
            var sp = _live[i];
            if (!sp.Live)
            {
                sp.Listed = false;
                continue;
            }
            _live[kept++] = sp;
            if (i < _sortedCount) sortedKept = kept;
            if (forUpdate) sp.Pending = false;
        }
        _live.RemoveRange(kept, _live.Count - kept);
        if (sortedKept < kept)
        {
            // Orders are unique in a session (the follower numbers its partitions once each), so sorting the newcomers
            // and merging them into the ordered part gives the order a sort of the whole list would.
            CollectionsMarshal.AsSpan(_live)[sortedKept..].Sort(ByOrder);
            if (sortedKept > 0) Merge(sortedKept, into);
        }
        _sortedCount = kept;
        if (into.Count == 0) into.AddRange(_live);
        Visited += into.Count;
    }

    /// <summary>Merges the ordered runs [0, <paramref name="mid"/>) and [mid, end) of the live list into <paramref name="into"/> and back.</summary>
    private void Merge(int mid, List<SessionPartition> into)
    {
        int a = 0, b = mid, end = _live.Count;
        while (a < mid && b < end) into.Add(_live[a].Entry.Order <= _live[b].Entry.Order ? _live[a++] : _live[b++]);
        while (a < mid) into.Add(_live[a++]);
        while (b < end) into.Add(_live[b++]);
        for (int i = 0; i < end; i++) _live[i] = into[i];
    }

    /// <summary>A listed partition's entry now carries another place in the follower's fetch: the next look sorts the list afresh.</summary>
    internal void Reordered() => _sortedCount = 0;

    /// <summary>Every partition of the session in the follower's order (a fetch detached from a replaced session reads them all).</summary>
    internal List<FetchEntry> AllEntries()
    {
        var all = new List<FetchEntry>(_all.Count);
        foreach (var sp in _all) all.Add(sp.Entry);
        all.Sort(static (a, b) => a.Order.CompareTo(b.Order));
        return all;
    }

    private static readonly Comparison<SessionPartition> ByOrder = static (a, b) => a.Entry.Order.CompareTo(b.Entry.Order);
}

/// <summary>One partition of a leader's fetch session (CachedPartition): the follower's last fetch entry for it.</summary>
public sealed class SessionPartition(LeaderFetchSession session, FetchEntry entry)
{
    public LeaderFetchSession Session { get; } = session;
    public FetchEntry Entry = entry;
    public bool Live;
    public bool Removed;

    /// <summary>Where the partition is in its session's list of partitions.</summary>
    internal int Slot;

    /// <summary>In the session's live list (a partition gone quiet stays there until the list is next compacted).</summary>
    public bool Listed;

    /// <summary>Named or touched since a fetch last updated the follower's state from it (UpdateFollowers).</summary>
    public bool Pending;

    /// <summary>In the session's list of partitions touched since a wake's look (<see cref="LeaderFetchSession.TouchedSinceCheck"/>).</summary>
    public bool TouchedSinceCheck;

    /// <summary>The follower state whose lag clock runs lazily while the partition is quiet, or null.</summary>
    public FollowerState? QuietFollower;
}
