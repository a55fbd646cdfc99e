using Sim.Kafka.Protocol;

namespace Sim.Kafka.Clients;

/// <summary>
/// The consumer's side of KIP-227 incremental fetch sessions (FetchSessionHandler, one per broker the consumer fetches
/// from): the first fetch to a broker is full and names every partition fetched there; once the broker has answered it
/// with a session id, later fetches are incremental and name only the partitions added or whose fetch offset or leader
/// epoch changed, plus those no longer fetched there (forgotten). An error on the fetch (it failed, timed out, or was
/// answered FETCH_SESSION_ID_NOT_FOUND because the broker evicted the session or restarted), or a response without a
/// session id (the broker's cache had no room), makes the next fetch a full one. Consumers of Kafka 0.8.1's fetch
/// purgatory (<c>sim.fetch.purgatory: 0.8.1</c>) fetch outside sessions, as clients did before Kafka 1.1.
/// </summary>
public sealed partial class KafkaConsumer
{
    private readonly Dictionary<int, FetchSessionHandler> _fetchSessions = [];

    /// <summary>Fetches sent in a session: full ones (opening a session) and incremental ones.</summary>
    public (long Full, long Incremental) SessionFetches { get; private set; }

    /// <summary>
    /// Turns <paramref name="entries"/>, every partition to fetch from <paramref name="broker"/> now, into what the fetch
    /// puts on the wire: unchanged for a full fetch, cut to the partitions with changes for an incremental one.
    /// </summary>
    private (FetchSessionWire? Wire, long SessionId, List<int>? Forgotten) InFetchSession(int broker, List<FetchEntry> entries)
    {
        if (_ctx.Broker.LegacyFetchPurgatory) return (null, 0, null);
        if (!_fetchSessions.TryGetValue(broker, out var handler)) _fetchSessions[broker] = handler = new FetchSessionHandler();
        var built = handler.Build(entries);
        var (full, incremental) = SessionFetches;
        SessionFetches = built.Wire.Full ? (full + 1, incremental) : (full, incremental + 1);
        return built;
    }

    /// <summary>FetchSessionHandler.handleResponse: a session opened, continued, or lost.</summary>
    private void OnFetchSessionResponse(int broker, FetchRequest request, FetchResponse m)
    {
        if (request.Session is not { } wire || !_fetchSessions.TryGetValue(broker, out var handler)) return;
        if (m.Error != ErrorCode.None || m.SessionId == 0) handler.Reset();
        else if (wire.Full) handler.SessionId = m.SessionId;
    }

    /// <summary>FetchSessionHandler.handleError: the fetch failed; the next one to the broker is full.</summary>
    private void OnFetchSessionError(int broker)
    {
        if (_fetchSessions.TryGetValue(broker, out var handler)) handler.Reset();
    }

    /// <summary>What the broker's session holds for this consumer, as last sent, and the session's id (0: none).</summary>
    private sealed class FetchSessionHandler
    {
        private readonly Dictionary<int, FetchEntry> _sent = [];
        private readonly HashSet<int> _now = [];

        public long SessionId { get; set; }

        public void Reset()
        {
            SessionId = 0;
            _sent.Clear();
        }

        public (FetchSessionWire Wire, long SessionId, List<int>? Forgotten) Build(List<FetchEntry> entries)
        {
            if (SessionId == 0)
            {
                _sent.Clear();
                foreach (var e in entries) _sent[e.Partition] = e;
                return (new FetchSessionWire(true, entries.Count, 0), 0, null);
            }
            _now.Clear();
            int kept = 0;
            for (int i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                _now.Add(e.Partition);
                if (_sent.TryGetValue(e.Partition, out var was) && was.FetchOffset == e.FetchOffset
                    && was.CurrentLeaderEpoch == e.CurrentLeaderEpoch && was.LastFetchedEpoch == e.LastFetchedEpoch) continue;
                _sent[e.Partition] = e;
                entries[kept++] = e;
            }
            entries.RemoveRange(kept, entries.Count - kept);
            List<int>? forgotten = null;
            if (_sent.Count > _now.Count)
            {
                foreach (int partition in _sent.Keys)
                {
                    if (!_now.Contains(partition)) (forgotten ??= []).Add(partition);
                }
                forgotten!.Sort();
                foreach (int partition in forgotten) _sent.Remove(partition);
            }
            return (new FetchSessionWire(false, kept, forgotten?.Count ?? 0), SessionId, forgotten);
        }
    }
}
