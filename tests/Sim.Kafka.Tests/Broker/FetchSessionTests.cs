using Sim.Core.Time;
using Sim.Kafka.Protocol;
using Sim.Kafka.Tests.Support;
using Sim.Network.Transport;

namespace Sim.Kafka.Tests.Broker;

/// <summary>
/// KIP-227 incremental fetch sessions (FetchSessionHandler on the follower, FetchSession on the leader): a follower's
/// first fetch from a leader is a full one naming every partition it fetches there; later fetches name only the
/// partitions whose fetch offset or epochs changed, so with one partition written the fetches on the wire stay small
/// however many partitions the follower replicates.
/// </summary>
public class FetchSessionTests
{
    private sealed class FetchTap(INetworkEndpoint inner, Func<SimTime> now, List<Seen> log) : INetworkEndpoint
    {
        public void OnMessage(NetMessage message)
        {
            // Noted as it arrives: the fetcher reuses its entry list once the response is in.
            if (message is FetchRequest { ReplicaId: >= 0, Session: { } s } f) log.Add(new Seen(now(), s, f.Entries.Count, f.SizeBytes));
            inner.OnMessage(message);
        }

        public void OnConnectionClosed(NetMessage message) => inner.OnConnectionClosed(message);
    }

    private sealed record Seen(SimTime At, FetchSessionWire Session, int Entries, int SizeBytes);

    [Fact]
    public void WithOneKeyWritten_FollowerFetchesAfterTheFirstNameOnlyThatPartition()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 30, rf: 3, minIsr: 2).Build();
        var log = new List<Seen>();
        foreach (var b in t.Cluster.Brokers) t.Network.Attach(b.Node, new FetchTap(t.Cluster.Context.Host(b.Node), () => t.Now, log));
        t.Producer("a", KafkaScenario.Steady("orders", 2000, keys: 1));
        t.RunFor(SimDuration.FromSeconds(5));

        var full = log.Where(f => f.Session.Full).ToList();
        // Once the partitions are all in their fetchers (they join one by one as the metadata arrives).
        var incremental = log.Where(x => x.At > SimTime.Zero + SimDuration.FromSeconds(2)).Where(f => !f.Session.Full).ToList();
        // Three brokers each fetch from two leaders: one full fetch opens each session.
        Assert.True(full.Count >= 6, $"{full.Count} full fetches");
        Assert.All(full, f => Assert.Equal(f.Entries, f.Session.Listed));
        Assert.True(incremental.Count > 100 * full.Count, $"{incremental.Count} incremental against {full.Count} full");
        // Only the written partition's fetch offset moves: an incremental fetch names it or nothing.
        Assert.All(incremental, f => Assert.InRange(f.Session.Listed, 0, 1));
        Assert.Contains(incremental, f => f.Session.Listed == 1);
        // Each follower fetches about ten partitions from each leader, named in full once and then left out: an
        // incremental fetch carries only the entries it names, the leader's session holding the others.
        // A session holds the partitions its leader leads (every broker replicates all 30).
        int session = t.Cluster.Brokers.Min(b => Enumerable.Range(0, 30).Count(p => t.Cluster.PartitionState(p).Leader == b.Id));
        Assert.True(session >= 5, $"{session} partitions in the smallest session");
        Assert.All(incremental, f => Assert.Equal(f.Session.Listed, f.Entries));
        Assert.All(incremental, f => Assert.True(f.SizeBytes < Sim.Kafka.Protocol.KafkaMessage.HeaderBytes + session * 28, $"{f.SizeBytes} bytes for {session} partitions"));
    }
}
