using Sim.Core.Time;
using Sim.Kafka.Protocol;
using Sim.Kafka.Tests.Support;
using Sim.Network.Transport;

namespace Sim.Kafka.Tests.Broker;

/// <summary>
/// The leader's side of KIP-227 fetch sessions (FetchSession.scala: FetchSessionCache, IncrementalFetchContext,
/// CachedPartition): an incremental fetch is answered with, and costs the leader, only the partitions with news for
/// the follower; the ISR lag clock (Replica.lastCaughtUpTimeMs, Partition.maybeShrinkIsr) of the partitions left out
/// runs as if every fetch had named them; a leader that lost its sessions answers FETCH_SESSION_ID_NOT_FOUND and the
/// follower's next fetch is a full one (FetchSessionHandler.handleResponse).
/// </summary>
public class FetchSessionLeaderTests
{
    private sealed class Tap(INetworkEndpoint inner, int broker, Func<SimTime> now, List<Seen> log) : INetworkEndpoint
    {
        public void OnMessage(NetMessage message)
        {
            // Noted as they arrive: the fetcher reuses its entry list once the response is in.
            if (message is FetchRequest { ReplicaId: >= 0, Session: { } s } f) log.Add(new Seen(now(), broker, f.ReplicaId, s.Full, ErrorCode.None, []));
            if (message is FetchResponse { To: Component.Broker } r) log.Add(new Seen(now(), broker, -1, false, r.Error, r.Results.Select(x => x.Partition).ToArray()));
            inner.OnMessage(message);
        }

        public void OnConnectionClosed(NetMessage message) => inner.OnConnectionClosed(message);
    }

    /// <summary>A fetch request arriving at <see cref="Broker"/> from <see cref="Follower"/>, or a fetch response arriving at it (Follower -1).</summary>
    private sealed record Seen(SimTime At, int Broker, int Follower, bool Full, ErrorCode Error, int[] Partitions);

    private static List<Seen> TapAll(KafkaScenario t)
    {
        var log = new List<Seen>();
        foreach (var b in t.Cluster.Brokers) t.Network.Attach(b.Node, new Tap(t.Cluster.Context.Host(b.Node), b.Id, () => t.Now, log));
        return log;
    }

    private static bool Written(KafkaScenario t, int partition) =>
        t.Cluster.Broker(t.Cluster.PartitionState(partition).Leader).Replica(partition)!.Log.LogEndOffset > 0;

    [Fact]
    public void IncrementalFetchesToALeaderOfAThousandPartitionsAnswerAndVisitOnlyTheWrittenOnes()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 1000, rf: 3, minIsr: 2).Build();
        var log = TapAll(t);
        t.Producer("a", KafkaScenario.Steady("orders", 2000, keys: 2));
        t.RunUntil(SimTime.FromSeconds(3));
        var brokers = t.Cluster.Brokers.ToList();
        var visited = brokers.Select(b => b.FetchSessions.Visited).ToArray();
        var fetches = brokers.Select(b => b.FetchSessions.Fetches).ToArray();
        t.RunUntil(SimTime.FromSeconds(6));

        var written = Enumerable.Range(0, 1000).Where(p => Written(t, p)).ToHashSet();
        Assert.InRange(written.Count, 1, 2);
        var answers = log.Where(x => x.At > SimTime.FromSeconds(3) && x.Follower < 0).ToList();
        Assert.True(answers.Count > 100, $"{answers.Count} fetch responses");
        // Every answer names only written partitions, however many partitions the session holds.
        Assert.All(answers, a => Assert.All(a.Partitions, p => Assert.Contains(p, written)));
        Assert.Contains(answers, a => a.Partitions.Length > 0);
        for (int i = 0; i < brokers.Count; i++)
        {
            long n = brokers[i].FetchSessions.Fetches - fetches[i];
            long v = brokers[i].FetchSessions.Visited - visited[i];
            Assert.True(n > 5, $"broker {brokers[i].Id}: {n} fetches");
            // A fetch looks at a written partition at most once to update the follower and once to read it, plus wakes:
            // a handful per fetch, against about 333 partitions in each session.
            Assert.True(v < 6 * n, $"broker {brokers[i].Id}: {v} partitions looked at over {n} fetches");
        }
    }

    [Fact]
    public void AnIdlePartitionsFollowerLeavesTheIsrAtTheSameCheckAsAWrittenOnesWhenItStopsFetching()
    {
        var t = KafkaScenario.Create().WithSeed(303).WithTopic("orders", partitions: 30, rf: 3, minIsr: 2).Build();
        t.Producer("a", KafkaScenario.Steady("orders", 1000, keys: 1));
        t.RunUntil(SimTime.FromSeconds(20.3));
        int written = Enumerable.Range(0, 30).Single(p => Written(t, p));
        int leader = t.Cluster.PartitionState(written).Leader;
        int follower = t.Cluster.PartitionState(written).Replicas.First(r => r != leader);
        int idle = Enumerable.Range(0, 30).First(p => p != written && t.Cluster.PartitionState(p).Leader == leader);
        var lb = t.Cluster.Broker(leader);
        // Every partition the follower fetches from the leader was last fetched by the same fetch, named in it or not.
        var lastFetch = lb.Replica(written)!.Follower(follower)!.LastFetch;
        Assert.True(t.Now - lastFetch < SimDuration.FromSeconds(1), $"last fetch {lastFetch}");
        Assert.Equal(lastFetch, lb.Replica(idle)!.Follower(follower)!.LastFetch);
        // An idle partition's follower is at the leader's LEO: caught up as of that fetch.
        Assert.Equal(lastFetch, lb.Replica(idle)!.Follower(follower)!.LastCaughtUp);

        var cutAt = t.Now;
        t.CutBetween([t.BrokerNode(leader)], [t.BrokerNode(follower)]);
        t.RunUntil(SimTime.FromSeconds(70));

        var lag = t.Cluster.Context.Broker.ReplicaLagTimeMax;
        SimTime Left(int p) => Assert.Single(t.Trace.PartitionChanges,
            c => c.After.Partition == p && c.Before is { } b && b.InIsr(follower) && !c.After.InIsr(follower)).At;
        Assert.Equal(Left(written), Left(idle));
        Assert.True(Left(idle) - cutAt > lag, $"left {Left(idle) - cutAt} after the cut");
    }

    [Fact]
    public void ALeaderThatLostItsSessionsAnswersFetchSessionIdNotFoundAndTheFollowerFetchesInFull()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 30, rf: 3, minIsr: 2).Build();
        var log = TapAll(t);
        t.Producer("a", KafkaScenario.Steady("orders", 1000));
        t.RunUntil(SimTime.FromSeconds(3));
        var leader = t.Cluster.Brokers.First();
        Assert.True(leader.FetchSessions.Count >= 2, $"{leader.FetchSessions.Count} sessions");
        // What a restart does to the in-memory FetchSessionCache (a crash clears it), without the restart's other effects.
        leader.FetchSessions.Clear();
        var lostAt = t.Now;
        t.RunUntil(SimTime.FromSeconds(5));

        var notFound = log.Where(x => x.At > lostAt && x.Error == ErrorCode.FetchSessionIdNotFound).ToList();
        Assert.NotEmpty(notFound);
        Assert.All(notFound, x => Assert.Empty(x.Partitions));
        // Each follower that was told opens a new session with a full fetch to the leader.
        foreach (var told in notFound.Select(x => x.Broker).Distinct())
        {
            var after = notFound.First(x => x.Broker == told).At;
            Assert.Contains(log, x => x.At >= after && x.Broker == leader.Id && x.Follower == told && x.Full);
        }
        Assert.True(leader.FetchSessions.Count >= 2, $"{leader.FetchSessions.Count} sessions after the full fetches");
        Assert.All(Enumerable.Range(0, 30), p => Assert.Equal(3, t.Cluster.PartitionState(p).Isr.Length));

        leader.Crash(powerLoss: false);
        Assert.Equal(0, leader.FetchSessions.Count);
    }
}
