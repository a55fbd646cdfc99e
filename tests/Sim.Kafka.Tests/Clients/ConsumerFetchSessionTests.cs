using Sim.Core.Time;
using Sim.Kafka.Clients;
using Sim.Kafka.Config;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;
using Sim.Kafka.Protocol;
using Sim.Kafka.Tests.Support;
using Sim.Network.Transport;

namespace Sim.Kafka.Tests.Clients;

/// <summary>
/// KIP-227 fetch sessions of consumers (FetchSessionHandler on the client, FetchSession and FetchSessionCache on the
/// broker): after a full fetch opens a session, a consumer's fetch names only the partitions whose position changed
/// and the response only the partitions with news; a session the broker no longer holds (FETCH_SESSION_ID_NOT_FOUND), or
/// could not open, makes the consumer fetch in full.
/// </summary>
public class ConsumerFetchSessionTests
{
    private sealed class Tap(INetworkEndpoint inner, Func<SimTime> now, List<Seen> log) : INetworkEndpoint
    {
        public void OnMessage(NetMessage message)
        {
            if (message is FetchRequest { ReplicaId: < 0, Session: { } s } f)
                log.Add(new Seen(now(), true, s.Full, ErrorCode.None, 0, f.Entries.Select(e => e.Partition).ToArray()));
            if (message is FetchResponse { To: Component.Client } r)
                log.Add(new Seen(now(), false, false, r.Error, r.SessionId, r.Results.Select(x => x.Partition).ToArray()));
            inner.OnMessage(message);
        }

        public void OnConnectionClosed(NetMessage message) => inner.OnConnectionClosed(message);
    }

    /// <summary>A consumer's fetch arriving at a broker (Request), or a response arriving at the consumer.</summary>
    private sealed record Seen(SimTime At, bool Request, bool Full, ErrorCode Error, long SessionId, int[] Partitions);

    private sealed class ConsumedCounter : IKafkaObserver
    {
        public long Records;
        public void Consumed(SimTime at, int consumerId, string group, int partition, in RecordBatch batch) => Records += batch.Count;
    }

    // 30 partitions, every record to one of them (one key); a consumer of all of them.
    private static (KafkaScenario T, KafkaConsumer C, List<Seen> Log, ConsumedCounter Consumed) Start()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 30, rf: 3, minIsr: 2).Build();
        var log = new List<Seen>();
        var consumed = new ConsumedCounter();
        t.Events.Add(consumed);
        t.Producer("a", KafkaScenario.Steady("orders", 500, keys: 1));
        var c = t.Consumer("c", "orders", new ConsumerConfig { GroupId = "g", AutoOffsetResetEarliest = true });
        foreach (var b in t.Cluster.Brokers) t.Network.Attach(b.Node, new Tap(t.Cluster.Context.Host(b.Node), () => t.Now, log));
        t.Network.Attach(c.Node, new Tap(t.Cluster.Context.Host(c.Node), () => t.Now, log));
        return (t, c, log, consumed);
    }

    private static int HotPartition(KafkaScenario t) =>
        Enumerable.Range(0, 30).Single(p => t.Cluster.Broker(t.Cluster.PartitionState(p).Leader).Replica(p)!.Log.LogEndOffset > 0);

    [Fact]
    public void AConsumersIncrementalFetchesAndTheirResponsesNameOnlyThePartitionWithNews()
    {
        var (t, c, log, consumed) = Start();
        t.RunUntil(SimTime.FromSeconds(10));

        int hot = HotPartition(t);
        var requests = log.Where(x => x.Request && x.At > SimTime.FromSeconds(3)).ToList();
        var incremental = requests.Where(x => !x.Full).ToList();
        Assert.True(incremental.Count > 20, $"{incremental.Count} incremental fetches");
        Assert.All(incremental, x => Assert.All(x.Partitions, p => Assert.Equal(hot, p)));
        // The full fetches opening the sessions named a broker's ten partitions each.
        Assert.Contains(log, x => x.Request && x.Full && x.Partitions.Length == 10);
        var responses = log.Where(x => !x.Request && x.At > SimTime.FromSeconds(3)).ToList();
        Assert.All(responses, x => Assert.All(x.Partitions, p => Assert.Equal(hot, p)));
        Assert.All(responses, x => Assert.NotEqual(0, x.SessionId));
        Assert.True(c.SessionFetches.Incremental > 20 && c.SessionFetches.Full >= 3, $"{c.SessionFetches}");
        Assert.True(consumed.Records > 3000, $"{consumed.Records} records consumed");
    }

    [Fact]
    public void AConsumerWhoseSessionsTheBrokersLostFetchesInFullAgainAndKeepsReading()
    {
        var (t, c, log, consumed) = Start();
        t.RunUntil(SimTime.FromSeconds(5));
        long fullBefore = c.SessionFetches.Full, readBefore = consumed.Records;
        // What a restart does to the in-memory FetchSessionCache, without the restart's other effects.
        foreach (var b in t.Cluster.Brokers) b.ConsumerFetchSessions.Clear();
        var lostAt = t.Now;
        t.RunUntil(SimTime.FromSeconds(10));

        // The fetches parked at the loss are answered without a session id, in full; a later incremental fetch would be
        // answered FETCH_SESSION_ID_NOT_FOUND. Either way each broker's next fetch from the consumer is a full one.
        var lost = log.Where(x => !x.Request && x.At > lostAt && (x.SessionId == 0 || x.Error == ErrorCode.FetchSessionIdNotFound)).ToList();
        Assert.Equal(3, lost.Count);
        var full = log.Where(x => x.Request && x.At > lostAt && x.Full).ToList();
        Assert.Equal(3, full.Count);
        Assert.All(full, x => Assert.Equal(10, x.Partitions.Length));
        Assert.Equal(fullBefore + 3, c.SessionFetches.Full);
        Assert.Contains(log, x => x.Request && x.At > full[^1].At && !x.Full);
        Assert.True(consumed.Records > readBefore + 2000, $"{consumed.Records - readBefore} records after the loss");
    }

    [Fact]
    public void AConsumerFindingNoRoomInTheBrokersSessionCacheFetchesInFullEveryTime()
    {
        var (t, c, log, consumed) = Start();
        // max.incremental.fetch.session.cache.slots taken up by the followers' sessions (privileged, never evicted).
        foreach (var b in t.Cluster.Brokers) b.ConsumerFetchSessions.Slots = 0;
        t.RunUntil(SimTime.FromSeconds(6));

        Assert.Equal(0, c.SessionFetches.Incremental);
        Assert.True(c.SessionFetches.Full > 20, $"{c.SessionFetches}");
        Assert.All(log.Where(x => !x.Request), x => Assert.Equal(0, x.SessionId));
        Assert.All(log.Where(x => x.Request), x => Assert.True(x.Full && x.Partitions.Length == 10));
        Assert.True(consumed.Records > 2000, $"{consumed.Records} records consumed");
    }
}
