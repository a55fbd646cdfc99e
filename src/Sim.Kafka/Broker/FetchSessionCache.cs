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
    private readonly List<SessionPartition>?[] _byPartition = new List<SessionPartition>?[partitions];

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
        var list = (uint)partition < (uint)_byPartition.Length ? _byPartition[partition] : null;
        if (list is null) return;
        foreach (var sp in list) sp.Session.MakeLive(sp);
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
            if (s.Partitions.ContainsKey(e.Partition)) continue;
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
            if (s.Partitions.TryGetValue(e.Partition, out var sp))
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
            if (!s.Partitions.TryGetValue(partition, out var sp)) continue;
            s.Remove(sp);
            _byPartition[partition]!.Remove(sp);
        }
    }

    /// <summary>Adds to <paramref name="into"/> the parked fetches of the sessions holding <paramref name="partition"/>.</summary>
    public void AddWaiting(int partition, List<ParkedFetch> into)
    {
        var list = (uint)partition < (uint)_byPartition.Length ? _byPartition[partition] : null;
        if (list is null) return;
        foreach (var sp in list)
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
        (_byPartition[p] ??= []).Add(sp);
    }

    private void Close(LeaderFetchSession s)
    {
        _sessions.Remove((s.ReplicaId, s.ClientId));
        foreach (var sp in s.Partitions.Values.ToList())
        {
            s.Remove(sp);
            if ((uint)sp.Entry.Partition < (uint)_byPartition.Length) _byPartition[sp.Entry.Partition]!.Remove(sp);
        }
    }
}
