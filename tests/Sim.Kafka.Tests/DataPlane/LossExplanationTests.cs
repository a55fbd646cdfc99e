using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Tests.Support;

namespace Sim.Kafka.Tests.DataPlane;

public class LossExplanationTests
{
    /// <summary>Source: KIP-101 (truncation by leader epoch) — the audit says which election and which truncation removed acknowledged records.</summary>
    [Fact]
    public void EachLostRangeIsExplainedByTheElectionAndTruncationThatRemovedIt()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 1, rf: 3, minIsr: 2).Build();
        t.Producer("a", KafkaScenario.Steady("orders", 1000), new ProducerConfig { Acks = 1 });
        t.RunFor(SimDuration.FromSeconds(10));
        int leader = t.Cluster.PartitionState(0).Leader;
        var followers = t.Cluster.PartitionState(0).Replicas.Where(r => r != leader).Select(t.BrokerNode).ToArray();
        var cut = t.CutBetween([t.BrokerNode(leader)], followers);
        t.RunFor(SimDuration.FromSeconds(2));
        t.Cluster.CrashBroker(leader, powerLoss: false);
        t.RunFor(SimDuration.FromSeconds(20));
        t.Network.RemoveCut(cut);
        t.Cluster.RestartBroker(leader);
        t.RunFor(SimDuration.FromSeconds(20));
        var audit = t.Audit();
        Assert.True(audit.LostRecords > 0);
        var lost = audit.Lost[0];
        // The loss reaches back about the 2 s the leader was cut off, not to the start of the run.
        Assert.True(lost.FirstAckedAt >= SimTime.FromSeconds(9.9), $"first lost record acknowledged at {lost.FirstAckedAt}");
        Assert.Contains("acks=1", lost.Explanation);
        Assert.Contains($"moved from broker {leader}", lost.Explanation);
        Assert.Contains("fenced", lost.Explanation);
        Assert.Contains($"broker {leader} truncated them", lost.Explanation);
        Assert.Equal(audit.LostRecords, audit.Lost.Sum(l => l.Count));
    }
}
