using Sim.Results;

namespace Sim.Plotting.Tests;

public sealed class SpaceTimeChartTests
{
    [Fact]
    public void Draw_SampleTrace_WritesA1600By900Png()
    {
        using var temp = new TempDirectory();
        var path = temp.Sub("messages.png");

        SpaceTimeChart.Draw(SampleTrace.Create(), path);

        Assert.Equal((1600, 900), PngHeader.Read(path));
    }

    [Fact]
    public void Draw_Twice_WritesByteIdenticalFiles()
    {
        using var temp = new TempDirectory();
        SpaceTimeChart.Draw(SampleTrace.Create(), temp.Sub("first.png"));
        SpaceTimeChart.Draw(SampleTrace.Create(), temp.Sub("second.png"));

        Assert.True(File.ReadAllBytes(temp.Sub("first.png")).AsSpan().SequenceEqual(File.ReadAllBytes(temp.Sub("second.png"))));
    }

    [Fact]
    public void Draw_NoMessages_StillWritesA1600By900Png()
    {
        using var temp = new TempDirectory();
        var path = temp.Sub("quiet.png");

        SpaceTimeChart.Draw(SampleTrace.Create() with { Messages = [] }, path);

        Assert.Equal((1600, 900), PngHeader.Read(path));
    }

    [Fact]
    public void Draw_NoHostsAndNoMessages_StillWritesAPng()
    {
        using var temp = new TempDirectory();
        var path = temp.Sub("nothing.png");

        SpaceTimeChart.Draw(new RunTrace("empty", 0, 0, [], [], [], [], [], double.NaN, double.NaN), path);

        Assert.Equal((1600, 900), PngHeader.Read(path));
    }

    [Fact]
    public void Draw_MessageToAHostTheTraceDoesNotList_DrawsItInsteadOfThrowing()
    {
        using var temp = new TempDirectory();
        var path = temp.Sub("unlisted.png");
        var trace = SampleTrace.Create() with { Messages = [new MessageHop("ProduceRequest", "client-z", "stretch-broker-1", 20.001, 20.004)] };

        SpaceTimeChart.Draw(trace, path);

        Assert.Equal((1600, 900), PngHeader.Read(path));
    }

    [Fact]
    public void Draw_ManyHostsAndMessages_KeepsTheSize()
    {
        using var temp = new TempDirectory();
        var path = temp.Sub("busy.png");
        var hosts = Enumerable.Range(0, 27).Select(i => new TraceHost($"{(char)('a' + i / 9)}-broker-{i % 9 + 1}", $"{(char)('a' + i / 9)}", "broker")).ToList();
        var messages = Enumerable.Range(0, 400)
            .Select(i => new MessageHop(i % 2 == 0 ? "FetchRequest (replica)" : "FetchResponse", hosts[i % 27].Name, hosts[(i * 7 + 3) % 27].Name, 20 + i * 1e-4, 20 + i * 1e-4 + 0.002))
            .ToList();

        SpaceTimeChart.Draw(SampleTrace.Create() with { Hosts = hosts, Messages = messages, MessagesToS = 20.06 }, path);

        Assert.Equal((1600, 900), PngHeader.Read(path));
    }

    [Fact]
    public void Draw_MessageThatArrivesWhenItLeft_WritesAPng()
    {
        using var temp = new TempDirectory();
        var path = temp.Sub("instant.png");
        var trace = SampleTrace.Create() with { Messages = [new MessageHop("MetadataRequest", "client-a", "client-a", 20.01, 20.01)] };

        SpaceTimeChart.Draw(trace, path);

        Assert.Equal((1600, 900), PngHeader.Read(path));
    }

    [Theory]
    [InlineData("ProduceRequest", "client-a", "stretch-broker-1", "produce")]
    [InlineData("FetchRequest (replica)", "stretch-broker-2", "stretch-broker-1", "replica fetch")]
    [InlineData("FetchResponse", "stretch-broker-1", "stretch-broker-2", "replica fetch")]
    [InlineData("FetchResponse", "stretch-broker-1", "client-a", "consumer fetch")]
    [InlineData("FetchRequest", "client-a", "stretch-broker-1", "consumer fetch")]
    [InlineData("BrokerHeartbeatResponse", "stretch-controller-4", "stretch-broker-1", "broker heartbeat")]
    [InlineData("VoteRequest", "stretch-controller-4", "stretch-broker-3", "controller quorum")]
    [InlineData("QuorumFetchRequest", "stretch-broker-1", "stretch-controller-4", "controller quorum")]
    [InlineData("AlterPartitionRequest", "stretch-broker-1", "stretch-controller-4", "metadata")]
    [InlineData("OffsetCommitRequest", "client-a", "stretch-broker-2", "other")]
    public void MessageKindsOf_AMessage_SortsItByProtocolAndDestination(string message, string from, string to, string kind)
    {
        var hosts = SampleTrace.Hosts.ToDictionary(h => h.Name);

        Assert.StartsWith(kind, MessageKinds.Of(new MessageHop(message, from, to, 0, 0), hosts).Label);
    }
}
