using Sim.Results;

namespace Sim.Plotting.Tests;

public sealed class PartitionTimelineChartTests
{
    [Fact]
    public void Draw_SampleTrace_WritesA1600By900Png()
    {
        using var temp = new TempDirectory();
        var path = temp.Sub("partitions.png");

        PartitionTimelineChart.Draw(SampleTrace.Create(), path);

        Assert.Equal((1600, 900), PngHeader.Read(path));
    }

    [Fact]
    public void Draw_Twice_WritesByteIdenticalFiles()
    {
        using var temp = new TempDirectory();
        PartitionTimelineChart.Draw(SampleTrace.Create(), temp.Sub("first.png"));
        PartitionTimelineChart.Draw(SampleTrace.Create(), temp.Sub("second.png"));

        Assert.True(File.ReadAllBytes(temp.Sub("first.png")).AsSpan().SequenceEqual(File.ReadAllBytes(temp.Sub("second.png"))));
    }

    [Fact]
    public void Draw_PathInAMissingDirectory_CreatesTheDirectory()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Sub("trace"), "plots", "partitions.png");

        PartitionTimelineChart.Draw(SampleTrace.Create(), path);

        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Draw_NoPartitions_StillWritesA1600By900Png()
    {
        using var temp = new TempDirectory();
        var path = temp.Sub("empty.png");

        PartitionTimelineChart.Draw(SampleTrace.Create() with { Partitions = [], Entries = [] }, path);

        Assert.Equal((1600, 900), PngHeader.Read(path));
    }

    [Fact]
    public void Draw_NothingAtAll_StillWritesAPng()
    {
        using var temp = new TempDirectory();
        var path = temp.Sub("nothing.png");

        PartitionTimelineChart.Draw(new RunTrace("empty", 0, 0, [], [], [], [], [], 0, 0), path);

        Assert.Equal((1600, 900), PngHeader.Read(path));
    }

    [Fact]
    public void Draw_PartitionOfflineToTheEnd_WritesAPng()
    {
        using var temp = new TempDirectory();
        var path = temp.Sub("offline.png");
        var trace = SampleTrace.Create() with { Partitions = [SampleTrace.OfflineToTheEnd(20)] };

        PartitionTimelineChart.Draw(trace, path);

        Assert.Equal(1600, PngHeader.Read(path).Width);
    }

    [Fact]
    public void Draw_PartitionWithOneSampleAndNoLeader_WritesAPng()
    {
        using var temp = new TempDirectory();
        var path = temp.Sub("one-sample.png");
        var history = new PartitionHistory("stretch", "orders-0", [1, 2, 3], [new PartitionSample(0, -1, [], -1, -1)]);

        PartitionTimelineChart.Draw(SampleTrace.Create() with { Partitions = [history] }, path);

        Assert.Equal(1600, PngHeader.Read(path).Width);
    }

    [Fact]
    public void Draw_FaultWithNoEnd_DiffersFromTheSameFaultRepaired()
    {
        using var temp = new TempDirectory();
        var open = SampleTrace.Create() with { Faults = [new FaultInterval("zone-outage", "b", 10, null)] };
        var closed = open with { Faults = [new FaultInterval("zone-outage", "b", 10, 20)] };

        PartitionTimelineChart.Draw(open, temp.Sub("open.png"));
        PartitionTimelineChart.Draw(closed, temp.Sub("closed.png"));

        Assert.Equal((1600, 900), PngHeader.Read(temp.Sub("open.png")));
        Assert.False(File.ReadAllBytes(temp.Sub("open.png")).AsSpan().SequenceEqual(File.ReadAllBytes(temp.Sub("closed.png"))));
    }

    [Fact]
    public void Draw_ProducerErrorNamingNoPartition_AddsALaneToTheFaultStrip()
    {
        using var temp = new TempDirectory();
        var path = temp.Sub("unattributed.png");
        var trace = SampleTrace.Create();
        trace = trace with { Entries = [.. trace.Entries, new TraceEntry(32, "failure", "client 1 gives up on 10 records") { Client = 1 }] };

        PartitionTimelineChart.Draw(trace, path);

        var (width, height) = PngHeader.Read(path);
        Assert.Equal(1600, width);
        Assert.True(height > 900, $"the strip did not grow: {height} px");
    }

    [Fact]
    public void Draw_AfterOtherChartsInTheSameProcess_WritesTheSameBytes()
    {
        using var temp = new TempDirectory();
        PartitionTimelineChart.Draw(SampleTrace.Create(), temp.Sub("before.png"));
        PlotSet.Draw(SampleResults.Create(), temp.Sub("plots"));
        SpaceTimeChart.Draw(SampleTrace.Create(), temp.Sub("messages.png"));
        PartitionTimelineChart.Draw(SampleTrace.Create(), temp.Sub("after.png"));

        Assert.True(File.ReadAllBytes(temp.Sub("before.png")).AsSpan().SequenceEqual(File.ReadAllBytes(temp.Sub("after.png"))));
    }

    [Fact]
    public void Draw_SixNamedPartitions_GrowsTallerThan900()
    {
        using var temp = new TempDirectory();
        var path = temp.Sub("six.png");
        var names = Enumerable.Range(0, 8).Select(i => $"orders-{i}").ToList();
        var trace = SampleTrace.Create() with { Partitions = names.Select(n => SampleTrace.Stable(n, [1, 2, 3])).ToList() };

        PartitionTimelineChart.Draw(trace, path, names);

        var (width, height) = PngHeader.Read(path);
        Assert.Equal(1600, width);
        Assert.True(height > 900, $"six partitions drawn {height} px tall");
    }

    [Fact]
    public void Draw_OnlyUnknownPartitionNames_StillWritesA1600By900Png()
    {
        using var temp = new TempDirectory();
        var path = temp.Sub("unknown.png");

        PartitionTimelineChart.Draw(SampleTrace.Create(), path, ["payments-0"]);

        Assert.Equal((1600, 900), PngHeader.Read(path));
    }

    [Fact]
    public void Choose_SomeNamesUnknown_KeepsTheKnownOnes()
    {
        Assert.Equal(["orders-2"], PartitionTimelineChart.Choose(SampleTrace.Create(), ["payments-0", "orders-2"]).Select(p => p.Partition));
        Assert.Empty(PartitionTimelineChart.Choose(SampleTrace.Create(), ["payments-0"]));
    }

    [Fact]
    public void Choose_NoNames_TakesTheMostChangedFirstThenKeepsTraceOrder()
    {
        var stable = Enumerable.Range(0, 4).Select(i => SampleTrace.Stable($"orders-{i + 1}", [1, 2, 3])).ToList();
        var trace = SampleTrace.Create() with { Partitions = [.. stable, SampleTrace.Orders0()] };

        var chosen = PartitionTimelineChart.Choose(trace, null);

        Assert.Equal(["orders-1", "orders-2", "orders-0"], chosen.Select(p => p.Partition));
    }

    [Fact]
    public void Choose_NamesWithAndWithoutCluster_MatchesBoth()
    {
        var trace = SampleTrace.Create() with
        {
            Partitions = [SampleTrace.Stable("orders-0", [1, 2, 3], "a"), SampleTrace.Stable("orders-0", [1, 2, 3], "b"), SampleTrace.Stable("orders-1", [1, 2, 3], "a")],
        };

        Assert.Equal(["a", "b"], PartitionTimelineChart.Choose(trace, ["orders-0"]).Select(p => p.Cluster));
        Assert.Equal(["b"], PartitionTimelineChart.Choose(trace, ["b/orders-0"]).Select(p => p.Cluster));
    }

    [Fact]
    public void Choose_MoreNamesThanTheCap_TakesMaxPartitions()
    {
        var names = Enumerable.Range(0, 9).Select(i => $"orders-{i}").ToList();
        var trace = SampleTrace.Create() with { Partitions = names.Select(n => SampleTrace.Stable(n, [1, 2, 3])).ToList() };

        Assert.Equal(PartitionTimelineChart.MaxPartitions, PartitionTimelineChart.Choose(trace, names).Count);
    }
}
