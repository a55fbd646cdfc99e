using Sim.Core.Time;
using Sim.Kafka.Broker;
using Sim.Kafka.Log;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Tests.Broker;

/// <summary>
/// The broker's consumer fetch sessions (KIP-227, FetchSession.scala): FetchSession.update, CachedPartition.maybeUpdateResponseData
/// and FetchSessionCache.tryEvict with <c>max.incremental.fetch.session.cache.slots</c>.
/// </summary>
public class ConsumerFetchSessionCacheTests
{
    private static FetchEntry Entry(int partition, long offset) => new() { Partition = partition, FetchOffset = offset, LastFetchedEpoch = -1 };

    private static FetchRequest Full(int clientId, long correlationId, params int[] partitions) => new()
    {
        ClientId = clientId, CorrelationId = correlationId, ReplicaId = -1, MaxWait = SimDuration.FromMilliseconds(500), MinBytes = 1,
        MaxBytes = 1 << 20, PartitionMaxBytes = 1 << 20, Entries = [.. partitions.Select(p => Entry(p, 0))],
        Session = new FetchSessionWire(true, partitions.Length, 0),
    };

    private static FetchRequest Incremental(int clientId, long sessionId) => new()
    {
        ClientId = clientId, CorrelationId = sessionId + 1, ReplicaId = -1, MaxWait = SimDuration.FromMilliseconds(500), MinBytes = 1,
        MaxBytes = 1 << 20, PartitionMaxBytes = 1 << 20, Entries = [], Session = new FetchSessionWire(false, 0, 0), SessionId = sessionId,
    };

    private static FetchResult Result(int partition, long hw, int batches = 0) => new()
    {
        Partition = partition, HighWatermark = hw,
        Batches = batches == 0 ? null : [.. Enumerable.Range(0, batches).Select(i => new RecordBatch { BaseOffset = i, Count = 1, Bytes = 100 })],
    };

    [Fact]
    public void Update_NamedAndForgottenPartitions_ReplaceJoinAndLeaveTheSessionInOrder()
    {
        var cache = new ConsumerFetchSessionCache();
        var s = cache.Open(Full(7, 100, 1, 2, 3), node: 4, SimTime.Zero, followerSessions: 0)!;
        s.Update([Entry(2, 50), Entry(9, 0)], [1]);
        Assert.Equal([2, 3, 9], s.Entries.Select(e => e.Partition));
        Assert.Equal(50, s.Entries[0].FetchOffset);
        Assert.Same(s, cache.Find(Incremental(7, 100), node: 4));
        Assert.Null(cache.Find(Incremental(7, 99), node: 4));
        Assert.Null(cache.Find(Incremental(7, 100), node: 5));
    }

    [Fact]
    public void Update_WhileAFetchIsParkedOnTheSession_LeavesTheParkedFetchsListAlone()
    {
        var cache = new ConsumerFetchSessionCache();
        var s = cache.Open(Full(7, 100, 1, 2), node: 4, SimTime.Zero, followerSessions: 0)!;
        var read = s.Entries;
        s.Parked = new ParkedFetch(Full(7, 100, 1, 2), null!) { Entries = read };
        s.Update([Entry(1, 10)], [2]);
        Assert.Equal([0L, 0L], read.Select(e => e.FetchOffset));
        Assert.Equal([1], s.Entries.Select(e => e.Partition));
        Assert.Equal(10, s.Entries[0].FetchOffset);
    }

    [Fact]
    public void MustRespond_OnlyPartitionsWithRecordsErrorsOrAHighWatermarkTheConsumerWasNotTold()
    {
        var cache = new ConsumerFetchSessionCache();
        var s = cache.Open(Full(7, 100, 1, 2), node: 4, SimTime.Zero, followerSessions: 0)!;
        Assert.True(s.MustRespond(Result(1, 10)));
        Assert.False(s.MustRespond(Result(1, 10)));
        Assert.True(s.MustRespond(Result(1, 11)));
        Assert.True(s.MustRespond(Result(1, 11, batches: 1)));
        Assert.True(s.MustRespond(new FetchResult { Partition = 1, HighWatermark = 11, Error = ErrorCode.NotLeaderOrFollower }));
        // After an error the high watermark is told again.
        Assert.True(s.MustRespond(Result(1, 11)));
        Assert.False(s.MustRespond(Result(1, 11)));
    }

    [Fact]
    public void Open_WithTheCacheFull_EvictsAStaleSessionOrASmallerOneOrOpensNone()
    {
        // Two slots, one of them a follower's session.
        var cache = new ConsumerFetchSessionCache(slots: 2);
        Assert.NotNull(cache.Open(Full(1, 10, 1, 2, 3), node: 1, SimTime.Zero, followerSessions: 1));
        // As many partitions as the session held: no room, and no session (the consumer's next fetch is full again).
        Assert.Null(cache.Open(Full(2, 20, 4, 5, 6), node: 2, SimTime.FromSeconds(1), followerSessions: 1));
        Assert.NotNull(cache.Find(Incremental(1, 10), node: 1));
        // More partitions than the smallest session: it is evicted, and its consumer's next incremental fetch finds nothing.
        Assert.NotNull(cache.Open(Full(3, 30, 1, 2, 3, 4), node: 3, SimTime.FromSeconds(2), followerSessions: 1));
        Assert.Null(cache.Find(Incremental(1, 10), node: 1));
        Assert.Equal(1, cache.Evictions);
        // Unused for KafkaServer.MIN_INCREMENTAL_FETCH_SESSION_EVICTION_MS (120 s): stale, evicted even for a smaller session.
        Assert.Null(cache.Open(Full(4, 40, 1), node: 4, SimTime.FromSeconds(100), followerSessions: 1));
        Assert.NotNull(cache.Open(Full(4, 41, 1), node: 4, SimTime.FromSeconds(122), followerSessions: 1));
        Assert.Null(cache.Find(Incremental(3, 30), node: 3));
        Assert.Equal(2, cache.Evictions);
    }
}
