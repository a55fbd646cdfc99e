using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>
/// A broker's fetch sessions with its followers (KIP-227, FetchSessionCache in FetchSession.scala), and for each
/// partition the sessions that hold it: at most one per follower fetching it, so a change to a partition reaches
/// its RF-1 sessions, not every session's every partition. Kept in memory only: a restarted broker has none, and a
/// follower's next incremental fetch is answered FETCH_SESSION_ID_NOT_FOUND.
/// </summary>
public sealed class FetchSessionCache(int partitions) : IPartitionWatcher
{
    private readonly Dictionary<(int ReplicaId, int ClientId), LeaderFetchSession> _sessions = [];
    // For each partition, the sessions holding it, in the order they took it: the first two (every session at RF 3)
    // side by side in the array, any more in a list, so a touch or a lookup reads one array slot, not a list and its array.
    private readonly Holders[] _byPartition = new Holders[partitions];
    private readonly List<SessionPartition> _closing = [];

    public int Count => _sessions.Count;

    /// <summary>Partitions the open sessions' fetches and wakes have looked at (what the work per fetch is counted in).</summary>
    public long Visited
    {
        get
        {
            long n = 0;
            foreach (var s in _sessions.Values) n += s.Visited;
            return n;
        }
    }

    /// <summary>Fetches the open sessions have had.</summary>
    public long Fetches
    {
        get
        {
            long n = 0;
            foreach (var s in _sessions.Values) n += s.FetchCount;
            return n;
        }
    }

    public void Touched(int partition)
    {
        if ((uint)partition >= (uint)_byPartition.Length) return;
        foreach (var sp in _byPartition[partition]) sp.Session.MakeLive(sp);
    }

    /// <summary>What <paramref name="s"/> holds for <paramref name="partition"/> (FetchSession's CachedPartition), or null.</summary>
    private SessionPartition? Held(LeaderFetchSession s, int partition)
    {
        if ((uint)partition >= (uint)_byPartition.Length) return null;
        foreach (var sp in _byPartition[partition])
        {
            if (sp.Session == s) return sp;
        }
        return null;
    }

    /// <summary>
    /// A full fetch opens a new session (FullFetchContext; the follower's previous one, if any, is closed), holding
    /// every partition named, all live so the next fetch looks at each once.
    /// </summary>
    public LeaderFetchSession Open(FetchRequest m)
    {
        var key = (m.ReplicaId, m.ClientId);
        if (_sessions.GetValueOrDefault(key) is { } replaced) Close(replaced);
        var s = new LeaderFetchSession(m.CorrelationId, m.ReplicaId, m.ClientId);
        _sessions[key] = s;
        foreach (var e in m.Entries)
        {
            if (Held(s, e.Partition) is not null) continue;
            Index(s.Add(e));
        }
        return s;
    }

    /// <summary>The session the follower's fetcher sending <paramref name="m"/> holds now, if any.</summary>
    public LeaderFetchSession? Current(FetchRequest m) => _sessions.GetValueOrDefault((m.ReplicaId, m.ClientId));

    /// <summary>The session an incremental fetch continues, or null (FETCH_SESSION_ID_NOT_FOUND).</summary>
    public LeaderFetchSession? Find(FetchRequest m) =>
        _sessions.TryGetValue((m.ReplicaId, m.ClientId), out var s) && s.Id == m.SessionId ? s : null;

    /// <summary>
    /// IncrementalFetchContext / FetchSession.update: the named partitions replace what the session held for them
    /// (added if new) and are looked at by this fetch; the forgotten ones leave the session.
    /// </summary>
    public void Update(LeaderFetchSession s, FetchRequest m)
    {
        foreach (var e in m.Entries)
        {
            if (Held(s, e.Partition) is { } sp)
            {
                if (sp.Entry.Order != e.Order) s.Reordered();
                sp.Entry = e;
                s.MakeLive(sp);
            }
            else Index(s.Add(e));
        }
        if (m.Forgotten is null) return;
        foreach (var partition in m.Forgotten)
        {
            if (Held(s, partition) is not { } sp) continue;
            s.Remove(sp);
            Unindex(sp);
        }
    }

    /// <summary>Adds to <paramref name="into"/> the parked fetches of the sessions holding <paramref name="partition"/>.</summary>
    public void AddWaiting(int partition, List<ParkedFetch> into)
    {
        if ((uint)partition >= (uint)_byPartition.Length) return;
        foreach (var sp in _byPartition[partition])
        {
            if (sp.Session.Parked is { Done: false } pf) into.Add(pf);
        }
    }

    /// <summary>The broker stopped: its sessions are gone (FetchSessionCache is in memory).</summary>
    public void Clear()
    {
        foreach (var s in _sessions.Values.ToList()) Close(s);
        _sessions.Clear();
    }

    private void Index(SessionPartition sp)
    {
        int p = sp.Entry.Partition;
        if ((uint)p >= (uint)_byPartition.Length) return;
        ref var h = ref _byPartition[p];
        if (h.First is null) h.First = sp;
        else if (h.Second is null) h.Second = sp;
        else (h.More ??= []).Add(sp);
    }

    /// <summary>Takes <paramref name="sp"/> out of its partition's sessions; those after it move up, keeping their order.</summary>
    private void Unindex(SessionPartition sp)
    {
        int p = sp.Entry.Partition;
        if ((uint)p >= (uint)_byPartition.Length) return;
        ref var h = ref _byPartition[p];
        if (h.First == sp) (h.First, h.Second) = (h.Second, null);
        else if (h.Second == sp) h.Second = null;
        else
        {
            h.More?.Remove(sp);
            return;
        }
        if (h.First is null || h.More is not { Count: > 0 } more) return;
        h.Second = more[0];
        more.RemoveAt(0);
    }

    private void Close(LeaderFetchSession s)
    {
        _sessions.Remove((s.ReplicaId, s.ClientId));
        _closing.Clear();
        s.CopyAll(_closing);
        foreach (var sp in _closing)
        {
            s.Remove(sp);
            Unindex(sp);
        }
        _closing.Clear();
    }

    /// <summary>The sessions holding one partition (at most one per follower fetching it).</summary>
    private struct Holders
    {
        public SessionPartition? First;
        public SessionPartition? Second;
        public List<SessionPartition>? More;

        /// <summary>The holders in order: <see cref="First"/>, <see cref="Second"/>, then <see cref="More"/>'s (a later one is set only once the earlier are).</summary>
        public readonly Enumerator GetEnumerator() => new(this);

        public struct Enumerator(Holders holders)
        {
            private int _next;

            public SessionPartition Current { get; private set; } = null!;

            public bool MoveNext()
            {
                int i = _next++;
                var sp = i switch
                {
                    0 => holders.First,
                    1 => holders.Second,
                    _ => holders.More is { } more && i - 2 < more.Count ? more[i - 2] : null,
                };
                Current = sp!;
                return sp is not null;
            }
        }
    }
}
