using Sim.Core.Time;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>
/// A broker's fetch sessions with consumers (KIP-227, FetchSessionCache in FetchSession.scala), keyed by the consumer's
/// client id and node. At most <c>max.incremental.fetch.session.cache.slots</c> (1,000) sessions, counting the
/// followers' sessions (<see cref="FetchSessionCache"/>), which are privileged and always kept. A full fetch that finds
/// the cache full evicts a consumer session unused for KafkaServer.MIN_INCREMENTAL_FETCH_SESSION_EVICTION_MS (120 s, not configurable), or else
/// the one with fewest partitions if the new session would hold more (FetchSessionCache.tryEvict); when it cannot, the
/// fetch is answered without a session (session id 0) and the consumer's next fetch is full again.
/// Simplification: a follower's session never evicts a consumer's here (followers are few and counted, not competed for).
/// In memory only: a restarted broker has none.
/// </summary>
public sealed class ConsumerFetchSessionCache(int slots = 1000, SimDuration? evictAfter = null)
{
    private readonly Dictionary<(int ClientId, int Node), ConsumerFetchSession> _sessions = [];
    private readonly SimDuration _evictAfter = evictAfter ?? SimDuration.FromSeconds(120);

    public int Count => _sessions.Count;

    /// <summary><c>max.incremental.fetch.session.cache.slots</c>: sessions the broker holds, followers' included.</summary>
    public int Slots { get; set; } = slots;

    /// <summary>Sessions evicted to make room for others.</summary>
    public long Evictions { get; private set; }

    /// <summary>
    /// A consumer's full fetch (FullFetchContext): its previous session on this broker is closed and a new one opened
    /// holding every partition named, if there is room for it; null when there is not.
    /// </summary>
    public ConsumerFetchSession? Open(FetchRequest m, int node, SimTime now, int followerSessions)
    {
        _sessions.Remove((m.ClientId, node));
        if (followerSessions + _sessions.Count >= Slots && !TryEvict(m.Entries.Count, now)) return null;
        var s = new ConsumerFetchSession(m.CorrelationId, m.ClientId, node) { LastUsed = now };
        s.Update(m.Entries, null);
        _sessions[(m.ClientId, node)] = s;
        return s;
    }

    /// <summary>The session an incremental fetch continues, or null (FETCH_SESSION_ID_NOT_FOUND).</summary>
    public ConsumerFetchSession? Find(FetchRequest m, int node) =>
        _sessions.TryGetValue((m.ClientId, node), out var s) && s.Id == m.SessionId ? s : null;

    /// <summary>The session the response to <paramref name="m"/> belongs to (opened by it, or continued), or null.</summary>
    public ConsumerFetchSession? For(FetchRequest m, int node)
    {
        long id = m.Session is { Full: true } ? m.CorrelationId : m.SessionId;
        return _sessions.TryGetValue((m.ClientId, node), out var s) && s.Id == id ? s : null;
    }

    private bool TryEvict(int partitions, SimTime now)
    {
        ConsumerFetchSession? stale = null, smallest = null;
        // A minimum over (last use, id): the dictionary's order never decides which session goes.
        foreach (var s in _sessions.Values)
        {
            if (now - s.LastUsed >= _evictAfter && (stale is null || Before(s, stale))) stale = s;
            if (smallest is null || s.Count < smallest.Count || (s.Count == smallest.Count && Before(s, smallest))) smallest = s;
        }
        var victim = stale ?? (smallest is not null && partitions > smallest.Count ? smallest : null);
        if (victim is null) return false;
        _sessions.Remove((victim.ClientId, victim.Node));
        Evictions++;
        return true;
    }

    private static bool Before(ConsumerFetchSession a, ConsumerFetchSession b) =>
        a.LastUsed != b.LastUsed ? a.LastUsed < b.LastUsed : a.Id < b.Id;

    /// <summary>The broker stopped: its sessions are gone.</summary>
    public void Clear() => _sessions.Clear();
}
