using Sim.Core.Time;
using Sim.Kafka.Clients;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.Clients;

/// <summary>
/// The admin client that reads and writes group offsets (MirrorMaker 2's checkpoint task uses it) behind a network cut.
/// Source: NetworkClient.handleTimedOutRequests (a request unanswered after request.timeout.ms closes its connection,
/// processTimeoutDisconnection), which the admin client's NetworkClient does as every client's does.
/// </summary>
public class GroupOffsetsClientTests(ITestOutputHelper output)
{
    [Fact]
    public void ReadOffsets_BehindACut_ClosesItsConnectionWhenTheRequestTimesOut()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 2, rf: 3, minIsr: 2).WithConsumerOffsets(1).Build();
        var node = t.Topology.Node("client-a");
        var client = new GroupOffsetsClient(t.Cluster.Context, 9_001, node);
        t.RunFor(SimDuration.FromSeconds(1));
        t.CutBetween([node], [.. t.Cluster.Brokers.Select(b => b.Node)]);
        bool? answered = null;
        client.ReadOffsets("billing", r => answered = r is not null);
        t.RunFor(SimDuration.FromSeconds(29));
        long before = t.Network.Dropped;
        // request.timeout.ms (30 s) passes: the connection closes, and what the cut held of the OffsetFetch is discarded.
        t.RunFor(SimDuration.FromSeconds(2));
        output.WriteLine($"held and dropped: {before} before the request timeout, {t.Network.Dropped} after; answered {answered}");
        Assert.Equal(0, before);
        Assert.True(t.Network.Dropped > 0, "the timed-out request's connection was not closed");
        Assert.Null(answered);
    }
}
