using Sim.Experiments.Running;
using Sim.Experiments.Tests.Support;
using Sim.Results;

namespace Sim.Experiments.Tests.Running;

/// <summary>
/// The run store: one JSON file per finished run (<c>runs/000042.json</c>), carrying the hash of the
/// experiment that produced it. A record read back equals the one saved, NaN metrics included, and runs
/// come back ordered by run id whatever order they finished in.
/// </summary>
public sealed class RunStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"sim-run-store-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static RunRecord Full() => RunRecords.Of(
        42, pointId: 14, replication: 0, architecture: "active-active",
        metrics: new Dictionary<string, double> { ["produce_latency_ms_p99"] = 12.345678901, ["availability"] = 0.999, ["rpo_s"] = double.PositiveInfinity },
        parameters: [new("network.links.a/b.rtt", "20ms"), new("architecture", "active-active")],
        faults: [new FaultInterval("site-outage", "a", 90, 210), new FaultInterval("broker-crash", "b", 15, null)],
        timeseries: [new TimeseriesPoint(1, 100, 99, 1, 98, 0, 0, 2.5, 0, double.NaN, 1, 0.25)]) with { Seed = ulong.MaxValue - 7 };

    [Fact]
    public void SaveThenLoadAll_FullRecord_ComesBackEqualIncludingNaNAndInfinity()
    {
        var store = new RunStore(_directory);
        var saved = Full();

        store.Save("hash-1", saved);
        var (hash, loaded) = Assert.Single(store.LoadAll());

        Assert.Equal("hash-1", hash);
        Assert.Equal((saved.RunId, saved.PointId, saved.Replication, saved.Seed, saved.Architecture, saved.Events, saved.Fingerprint),
            (loaded.RunId, loaded.PointId, loaded.Replication, loaded.Seed, loaded.Architecture, loaded.Events, loaded.Fingerprint));
        Assert.Equal(saved.Parameters, loaded.Parameters);
        // MetricValue is a record, so NaN compares equal to NaN here: a NaN that came back as 0 would fail.
        Assert.Equal(saved.Metrics, loaded.Metrics);
        Assert.True(double.IsNaN(loaded.Metric("duplicates")));
        Assert.Equal(double.PositiveInfinity, loaded.Metric("rpo_s"));
        Assert.Equal(saved.LatencyCdf, loaded.LatencyCdf);
        Assert.Equal(saved.Faults, loaded.Faults);
        Assert.Equal(saved.Timeseries!, loaded.Timeseries!);
    }

    [Fact]
    public void SaveThenLoadAll_RecordWithoutTimeseries_KeepsItAbsent()
    {
        var store = new RunStore(_directory);

        store.Save("h", RunRecords.Of(3));

        Assert.Null(Assert.Single(store.LoadAll()).Run.Timeseries);
    }

    [Fact]
    public void Save_Run_WritesOneFileNamedByTheZeroPaddedRunId()
    {
        var store = new RunStore(_directory);

        store.Save("h", RunRecords.Of(42));

        Assert.Equal(Path.Combine(_directory, "runs", "000042.json"), store.PathOf(42));
        Assert.Equal(["000042.json"], Directory.GetFiles(store.Directory).Select(p => Path.GetFileName(p)));
    }

    [Fact]
    public void LoadAll_RunsSavedInAnyOrder_ComeBackOrderedByRunId()
    {
        var store = new RunStore(_directory);

        // 1000000 has seven digits, so its file name sorts before 999999's: the order must come from the ids.
        foreach (var id in new[] { 12, 3, 1_000_000, 999_999, 0 }) store.Save($"h{id}", RunRecords.Of(id));

        var all = store.LoadAll();

        Assert.Equal([0, 3, 12, 999_999, 1_000_000], all.Select(x => x.Run.RunId));
        Assert.All(all, x => Assert.Equal($"h{x.Run.RunId}", x.Hash));
    }

    [Fact]
    public void Save_SameRunAgain_ReplacesTheFile()
    {
        var store = new RunStore(_directory);

        store.Save("old", RunRecords.Of(5));
        store.Save("new", RunRecords.Of(5) with { Fingerprint = "second" });

        var (hash, run) = Assert.Single(store.LoadAll());
        Assert.Equal(("new", "second"), (hash, run.Fingerprint));
        // The write goes through a temporary file; none may be left behind.
        Assert.Single(Directory.GetFiles(store.Directory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void LoadAll_NoRunsDirectory_IsEmpty()
    {
        Assert.Empty(new RunStore(_directory).LoadAll());
    }

    [Fact]
    public void LoadAll_FileThatIsNotARunRecord_ThrowsNamingTheFile()
    {
        var store = new RunStore(_directory);
        store.Save("h", RunRecords.Of(1));
        File.WriteAllText(store.PathOf(2), "{ not json");

        var e = Assert.Throws<InvalidDataException>(() => store.LoadAll());

        Assert.Contains("000002.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clear_StoredRuns_RemovesThemAll()
    {
        var store = new RunStore(_directory);
        store.Save("h", RunRecords.Of(1));
        store.Save("h", RunRecords.Of(2));

        store.Clear();

        Assert.Empty(store.LoadAll());
    }
}
