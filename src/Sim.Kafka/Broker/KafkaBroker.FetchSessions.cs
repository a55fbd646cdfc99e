using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>
/// The leader's side of KIP-227 incremental fetch sessions (FetchSession.scala: FetchManager, FullFetchContext,
/// IncrementalFetchContext). A follower's full fetch opens a session holding all its partitions; an incremental one
/// names only the partitions whose fetch offset or epochs changed, and the leader looks at those plus the ones touched
/// since they were last found to have nothing for the follower, so a fetch costs what has news, not what the session
/// holds. The answers are the ones a look at every partition would give (see <see cref="LeaderFetchSession"/>).
/// </summary>
public sealed partial class KafkaBroker
{
    private readonly FetchSessionCache _fetchSessions;
    private readonly FetchResultPool _resultPool = new();
    private readonly List<SessionPartition> _updateScratch = [];
    private readonly List<SessionPartition> _readScratch = [];
    private List<ParkedFetch>? _waitingScratch;
    private long _parkSequence;

    /// <summary>This broker's fetch sessions with its followers (in memory: a restart loses them).</summary>
    public FetchSessionCache FetchSessions => _fetchSessions;

    /// <summary>A follower's full fetch: a new session replaces its fetcher's previous one (FetchManager.newContext).</summary>
    private void OpenFetchSession(FetchRequest m)
    {
        if (_fetchSessions.Current(m) is { } previous) DetachParked(previous);
        var session = _fetchSessions.Open(m);
        session.BeginFetch(S.Now);
    }

    private void HandleIncrementalFetch(FetchRequest m)
    {
        var session = _fetchSessions.Find(m);
        if (session is null)
        {
            // FetchManager.newContext: an incremental fetch for a session the leader does not hold (it restarted, or
            // evicted it) is answered FETCH_SESSION_ID_NOT_FOUND; FetchSessionHandler.handleError makes the next a full one.
            RespondFetch(m, [], ErrorCode.FetchSessionIdNotFound);
            return;
        }
        DetachParked(session);
        // The named and forgotten partitions first: what their lag clocks did while quiet ends before this fetch.
        _fetchSessions.Update(session, m);
        session.BeginFetch(S.Now);
        session.CollectLive(_updateScratch, forUpdate: true);
        Warm(_updateScratch, m.ReplicaId);
        UpdateFollowers(m, null, _updateScratch);
        _updateScratch.Clear();
        var (results, bytes, error) = ReadSession(m, session);
        if (error || bytes >= m.MinBytes || m.MaxWait.IsZero)
        {
            RespondFetch(m, results);
            return;
        }
        _resultPool.Return(results);
        var parked = new ParkedFetch(m, Context.Network.Topology.Nodes[m.Source]) { AccumulatedBytes = bytes, Session = session };
        parked.Expiry = S.Schedule(m.MaxWait, this, _kFetchExpiry, 0, parked);
        Park(parked);
    }

    /// <summary>Reads a session's live partitions (after a fetch's update, or when an append wakes its parked fetch).</summary>
    private (List<FetchResult> Results, int Bytes, bool Error) ReadSession(FetchRequest m, LeaderFetchSession session)
    {
        session.CollectLive(_readScratch);
        var read = ReadFetch(m, null, _readScratch, session);
        _readScratch.Clear();
        return read;
    }

    private readonly List<(int Index, FollowerState Follower)> _quietScratch = [];

    /// <summary>
    /// Whether a wake of a session's parked follower fetch leaves it waiting, found without building its results. A
    /// follower's DelayedFetch completes on bytes (DelayedFetch.tryComplete sums what can be read past each fetch
    /// offset), so the wake a high-watermark advance gives it (Partition.maybeIncrementLeaderHW) answers nothing when
    /// no live partition has records past the follower's offset or an error to report. True only then: the partitions
    /// with nothing for the follower go quiet as <see cref="ReadFetch"/> would make them, and nothing else changes (a
    /// partition at the follower's offset is never read, so never throttled). False as soon as a partition might be read
    /// from, answer an error or diverge; the caller then reads
    /// the fetch as before. A device of the simulator: what a fetch answers, and when, is unchanged.
    /// </summary>
    private bool WakeCannotAnswer(FetchRequest m, LeaderFetchSession session, List<SessionPartition> live)
    {
        if (m.ReplicaId < 0 || m.MinBytes <= 0 || m.MaxBytes <= 0 || m.Session is not { Full: false }) return false;
        _quietScratch.Clear();
        for (int i = 0; i < live.Count; i++)
        {
            if (!CannotAnswer(m, live[i].Entry, out var f, out long hw))
            {
                session.SetWakeChecked(false);
                return false;
            }
            if (f is not null && f.HighWatermarkSent == hw) _quietScratch.Add((i, f));
        }
        foreach (var (i, f) in _quietScratch) session.MakeQuiet(live[i], f);
        _quietScratch.Clear();
        session.SetWakeChecked(true);
        return true;
    }

    /// <summary>
    /// <see cref="WakeCannotAnswer"/> after a wake that found every live partition unable to answer: a partition nothing
    /// touched since is as that look found it (the invariant of <see cref="LeaderFetchSession"/>), and it was made quiet
    /// then if it could be; one touched since is pending, so never made quiet by a wake. So only the touched ones are
    /// looked at, and nothing is made quiet. False sends the caller to the full look, which then finds the same.
    /// </summary>
    private bool WakeStillCannotAnswer(FetchRequest m, LeaderFetchSession session)
    {
        var touched = session.TouchedSinceCheck;
        for (int i = 0; i < touched.Count; i++)
        {
            var sp = touched[i];
            if (!sp.Removed && !CannotAnswer(m, sp.Entry, out _, out _)) return false;
        }
        session.CountVisited(touched.Count);
        session.SetWakeChecked(true);
        return true;
    }

    /// <summary>
    /// A live partition of a parked follower fetch that a read would find nothing in, no error and no divergence for;
    /// <paramref name="follower"/> and <paramref name="highWatermark"/> say whether it could go quiet.
    /// </summary>
    private bool CannotAnswer(FetchRequest m, in FetchEntry e, out FollowerState? follower, out long highWatermark)
    {
        follower = null;
        highWatermark = 0;
        var p = _replicas[e.Partition];
        if (p is null || !p.IsLeader || p.Dir.Offline || p.LeaderEpoch != e.CurrentLeaderEpoch || Diverges(p, e)) return false;
        // Records past the fetch offset would be read (or, out of range, answered with an error).
        if (e.FetchOffset != p.Log.LogEndOffset || e.FetchOffset < p.Log.LogStartOffset) return false;
        follower = p.Follower(m.ReplicaId);
        highWatermark = p.Log.HighWatermark;
        return true;
    }

    /// <summary>
    /// A session's fetch still parked when the session moves on (its follower gave up on it and fetched again) waits
    /// out its time on its own, watching every partition it asked for, as the DelayedFetch it is would.
    /// </summary>
    private void DetachParked(LeaderFetchSession session)
    {
        if (session.Parked is not { Done: false } pf)
        {
            session.Parked = null;
            return;
        }
        session.Parked = null;
        pf.Session = null;
        pf.Entries = session.AllEntries();
        foreach (var e in pf.Entries)
        {
            if ((uint)e.Partition < (uint)_parkedByPartition.Length) ParkedList.Add(ref _parkedByPartition[e.Partition], pf);
        }
    }

    /// <summary>
    /// The fetches parked on <paramref name="partition"/>, in the order they were parked: those watching it directly
    /// (consumers', full fetches) and those of the sessions holding it. Null when there are none.
    /// </summary>
    private List<ParkedFetch>? Waiting(int partition)
    {
        var direct = (uint)partition < (uint)_parkedByPartition.Length ? _parkedByPartition[partition] : null;
        var into = _waitingScratch ?? [];
        _waitingScratch = null;
        into.Clear();
        if (direct is not null)
        {
            for (int i = 0; i < direct.Count; i++) into.Add(direct[i]);
        }
        int fromDirect = into.Count;
        _fetchSessions.AddWaiting(partition, into);
        if (into.Count == 0)
        {
            _waitingScratch = into;
            return null;
        }
        if (into.Count > fromDirect && into.Count > 1) into.Sort(BySequence);
        return into;
    }

    private void ReturnWaiting(List<ParkedFetch> list)
    {
        list.Clear();
        _waitingScratch = list;
    }

    private readonly ConsumerFetchSessionCache _consumerSessions = new();

    /// <summary>This broker's fetch sessions with consumers (in memory: a restart loses them).</summary>
    public ConsumerFetchSessionCache ConsumerFetchSessions => _consumerSessions;

    /// <summary>
    /// A consumer's fetch in a session (KIP-227, FetchManager.newContext): a full one opens a session (or, with no room in
    /// the cache, is answered without one); an incremental one updates its session with the partitions named and
    /// forgotten and is read as the session's every partition, or answered FETCH_SESSION_ID_NOT_FOUND when the session is
    /// gone (evicted, or the broker restarted). The read, the wait and what wakes it are a full fetch's: what the session
    /// saves is on the wire, in the request and in the partitions the response leaves out (<see cref="AnswerInSession"/>).
    /// </summary>
    private void HandleConsumerSessionFetch(FetchRequest m)
    {
        ConsumerFetchSession? session;
        if (m.Session is { Full: true }) session = _consumerSessions.Open(m, m.Source, S.Now, _fetchSessions.Count);
        else
        {
            session = _consumerSessions.Find(m, m.Source);
            if (session is null)
            {
                RespondFetch(m, [], ErrorCode.FetchSessionIdNotFound);
                return;
            }
            session.Update(m.Entries, m.Forgotten);
            session.LastUsed = S.Now;
        }
        var parked = ReadOrPark(m, session?.Entries ?? m.Entries);
        if (session is not null) session.Parked = parked;
    }

    /// <summary>
    /// The response to a consumer's fetch in a session: a full fetch's names every partition, an incremental one's only
    /// those with news (IncrementalFetchContext.updateAndGenerateResponseData); the session records what each is told.
    /// Returns the session id the response carries, 0 when the fetch has no session (its consumer's next fetch is full).
    /// Simplification: a fetch whose session went while it was parked (evicted, or the cache cleared) is answered in full
    /// without a session id; Kafka's IncrementalFetchContext still answers it from the session object it holds, and the
    /// consumer learns of the loss one fetch later (FETCH_SESSION_ID_NOT_FOUND).
    /// </summary>
    private long AnswerInSession(FetchRequest m, List<FetchResult> results)
    {
        var session = _consumerSessions.For(m, m.Source);
        if (session is null) return 0;
        bool full = m.Session is { Full: true };
        int kept = 0;
        for (int i = 0; i < results.Count; i++)
        {
            var r = results[i];
            if (session.MustRespond(r) || full) results[kept++] = r;
            else _resultPool.Return(r);
        }
        results.RemoveRange(kept, results.Count - kept);
        return session.Id;
    }

    private static readonly Comparison<ParkedFetch> BySequence = static (a, b) => a.Sequence.CompareTo(b.Sequence);
}
