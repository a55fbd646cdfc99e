using FsCheck.Xunit;
using Sim.MirrorMaker.Connect;

namespace Sim.MirrorMaker.Tests.Unit;

/// <summary>
/// Offset translation (OffsetSyncStore, KAFKA-14666): the latest sync at or below the committed upstream
/// offset gives its downstream offset on an exact hit and one past it otherwise, so a consumer that fails
/// over may reprocess but never skips a record.
/// </summary>
public sealed class OffsetSyncStoreTests
{
    [Fact]
    public void Translate_NoSyncForPartition_ReturnsNull()
    {
        var store = new OffsetSyncStore();
        store.Add(0, new OffsetSync(10, 100));

        Assert.Null(store.Translate(1, 10));
    }

    [Fact]
    public void Translate_EmptyStore_ReturnsNull()
    {
        Assert.Null(new OffsetSyncStore().Translate(0, 0));
    }

    [Fact]
    public void Translate_UpstreamBelowEverySync_ReturnsNull()
    {
        var store = new OffsetSyncStore();
        store.Add(0, new OffsetSync(10, 100));
        store.Add(0, new OffsetSync(20, 110));

        Assert.Null(store.Translate(0, 9));
    }

    [Fact]
    public void Translate_ExactlyAtSync_ReturnsSyncDownstream()
    {
        var store = new OffsetSyncStore();
        store.Add(0, new OffsetSync(10, 100));
        store.Add(0, new OffsetSync(20, 115));

        Assert.Equal(100, store.Translate(0, 10));
        Assert.Equal(115, store.Translate(0, 20));
    }

    [Fact]
    public void Translate_BetweenSyncs_ReturnsEarlierSyncDownstreamPlusOne()
    {
        var store = new OffsetSyncStore();
        store.Add(0, new OffsetSync(10, 100));
        store.Add(0, new OffsetSync(20, 115));

        // Upstream 11..19 may sit anywhere after downstream 100: one past the sync is the only safe answer.
        Assert.Equal(101, store.Translate(0, 11));
        Assert.Equal(101, store.Translate(0, 19));
    }

    [Fact]
    public void Translate_BeyondLatestSync_ReturnsLatestDownstreamPlusOne()
    {
        var store = new OffsetSyncStore();
        store.Add(0, new OffsetSync(10, 100));
        store.Add(0, new OffsetSync(20, 115));

        Assert.Equal(116, store.Translate(0, 1_000_000));
    }

    [Fact]
    public void Translate_PartitionsAreIndependent_EachUsesItsOwnSyncs()
    {
        var store = new OffsetSyncStore();
        store.Add(0, new OffsetSync(10, 100));
        store.Add(1, new OffsetSync(5, 7));

        Assert.Equal(101, store.Translate(0, 12));
        Assert.Equal(8, store.Translate(1, 12));
        Assert.Null(store.Translate(1, 4));
    }

    [Fact]
    public void Add_OlderUpstreamAfterRestart_ReplacesNewerContradictingSyncs()
    {
        // A restarted task re-sends from its flushed position 15: the records land again at 500 onwards.
        var store = new OffsetSyncStore();
        store.Add(0, new OffsetSync(10, 100));
        store.Add(0, new OffsetSync(20, 110));
        store.Add(0, new OffsetSync(30, 120));

        store.Add(0, new OffsetSync(15, 500));

        Assert.Equal(new OffsetSync(15, 500), store.Latest(0));
        // The syncs at 20 and 30 are gone: 25 now translates through the restart sync, not through 20.
        Assert.Equal(501, store.Translate(0, 25));
        Assert.Equal(501, store.Translate(0, 30));
        // The sync below the restart point is consistent with it and stays.
        Assert.Equal(100, store.Translate(0, 10));
        Assert.Equal(101, store.Translate(0, 14));
    }

    [Fact]
    public void Add_SameUpstreamAgain_ReplacesTheEarlierSync()
    {
        var store = new OffsetSyncStore();
        store.Add(0, new OffsetSync(10, 100));
        store.Add(0, new OffsetSync(10, 300));

        Assert.Equal(300, store.Translate(0, 10));
        Assert.Equal(301, store.Translate(0, 11));
    }

    [Fact]
    public void Add_MoreThanHistoryLimit_DropsTheOldestSyncs()
    {
        var store = new OffsetSyncStore();
        int total = OffsetSyncStore.HistoryLimit + 3;
        for (int i = 0; i < total; i++) store.Add(0, new OffsetSync(i * 10L, i * 20L));

        // The three oldest syncs (upstream 0, 10, 20) were dropped; 30 is the oldest kept.
        Assert.Null(store.Translate(0, 0));
        Assert.Null(store.Translate(0, 29));
        Assert.Equal(60, store.Translate(0, 30));
        Assert.Equal((total - 1) * 20L, store.Translate(0, (total - 1) * 10L));
    }

    [Fact]
    public void Add_ExactlyHistoryLimit_KeepsEverySync()
    {
        var store = new OffsetSyncStore();
        for (int i = 0; i < OffsetSyncStore.HistoryLimit; i++) store.Add(0, new OffsetSync(i * 10L, i * 20L));

        Assert.Equal(0, store.Translate(0, 0));
        Assert.Equal(1, store.Translate(0, 5));
    }

    [Fact]
    public void SyncCount_CountsEveryAddIncludingReplacedAndDropped()
    {
        var store = new OffsetSyncStore();
        store.Add(0, new OffsetSync(10, 100));
        store.Add(0, new OffsetSync(20, 110));
        store.Add(0, new OffsetSync(5, 200));
        store.Add(1, new OffsetSync(0, 0));

        Assert.Equal(4, store.SyncCount);
    }

    [Fact]
    public void Latest_NoSyncs_ReturnsNullAndAfterAddsReturnsTheLastAdded()
    {
        var store = new OffsetSyncStore();
        Assert.Null(store.Latest(0));

        store.Add(0, new OffsetSync(10, 100));
        store.Add(0, new OffsetSync(20, 110));

        Assert.Equal(new OffsetSync(20, 110), store.Latest(0));
        Assert.Null(store.Latest(1));
    }

    /// <summary>A strictly increasing upstream-to-downstream mapping of <paramref name="n"/> records starting at <paramref name="first"/>.</summary>
    private static long[] Mapping(int n, long first, int[] gaps)
    {
        var down = new long[n];
        long at = first;
        for (int u = 0; u < n; u++)
        {
            // Downstream may have extra records (other producers, markers), never fewer.
            if (u > 0) at += 1 + (gaps.Length == 0 ? 0 : Math.Abs(gaps[u % gaps.Length] % 5));
            down[u] = at;
        }
        return down;
    }

    /// <summary>Which upstream offsets got a sync: a random subset, always including the first when <paramref name="syncFirst"/>.</summary>
    private static List<int> SyncPoints(int n, int[] picks, bool syncFirst)
    {
        var points = new SortedSet<int>();
        if (syncFirst) points.Add(0);
        foreach (var p in picks) points.Add(Math.Abs(p % n));
        return [.. points];
    }

    [Property(MaxTest = 300)]
    public void Translate_MonotoneMapping_NeverPastTheRecordsDownstreamPositionAndNeverBeforeTheCoveringSync(
        int[] gaps, int[] picks, bool syncFirst, byte size)
    {
        int n = 1 + size % 200;
        var down = Mapping(n, 1000, gaps);
        var points = SyncPoints(n, picks, syncFirst);
        var store = new OffsetSyncStore();
        foreach (var u in points) store.Add(0, new OffsetSync(u, down[u]));
        // Only the last HistoryLimit syncs are kept.
        var kept = points.Skip(Math.Max(0, points.Count - OffsetSyncStore.HistoryLimit)).ToList();

        for (int u = 0; u < n; u++)
        {
            var translated = store.Translate(0, u);
            var covering = kept.Where(p => p <= u).Select(p => (int?)p).LastOrDefault();
            if (covering is null)
            {
                Assert.Null(translated);
                continue;
            }
            Assert.NotNull(translated);
            Assert.True(translated <= down[u], $"U={u}: translated {translated} skips past downstream {down[u]}");
            Assert.True(translated >= down[covering.Value], $"U={u}: translated {translated} is before the covering sync's {down[covering.Value]}");
            if (covering == u) Assert.Equal(down[u], translated);
        }
    }

    [Property(MaxTest = 300)]
    public void Translate_AfterRestartResendingFromFlushedPosition_NeverPastAnyRecordsNewestCopy(
        int[] gaps, int[] picks, int[] restartPicks, byte size, byte restart)
    {
        int n = 2 + size % 150;
        int p = restart % n;
        var first = Mapping(n, 0, gaps);
        // The restarted task re-sends p..n-1; the copies land after everything written so far.
        var second = Mapping(n, first[^1] + 1 + p, gaps.Reverse().ToArray());
        var store = new OffsetSyncStore();
        foreach (var u in SyncPoints(n, picks, syncFirst: true)) store.Add(0, new OffsetSync(u, first[u]));
        foreach (var u in restartPicks.Select(x => p + Math.Abs(x % (n - p))).Distinct().Order())
            store.Add(0, new OffsetSync(u, second[u]));

        for (int u = 0; u < n; u++)
        {
            var translated = store.Translate(0, u);
            if (translated is null) continue;
            // From u on, every record has a copy at or after its newest position: never skip past it.
            long newest = u >= p ? second[u] : first[u];
            Assert.True(translated <= newest, $"U={u}, restart at {p}: translated {translated} skips past {newest}");
        }
    }
}
