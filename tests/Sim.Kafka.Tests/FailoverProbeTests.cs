using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests;

public class FailoverProbeTests(ITestOutputHelper output)
{
    [Fact]
    public void ACrashedLeaderIsFencedAndReplacedFromTheIsr()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 3, rf: 3, minIsr: 2).Build();
        t.Producer("a", KafkaScenario.Steady("orders", 1000));
        t.RunFor(SimDuration.FromSeconds(10));
        var before = t.Cluster.PartitionState(0);
        int leader = before.Leader;
        t.Cluster.CrashBroker(leader, powerLoss: false);
        var crashAt = t.Now;
        t.RunFor(SimDuration.FromSeconds(30));
        foreach (var f in t.Trace.Fenced) output.WriteLine($"{f.At} fenced {f.Broker}: {f.Cause}");
        foreach (var c in t.Trace.PartitionChanges) output.WriteLine($"{c.At} {c.After} <- {c.Cause}");
        output.WriteLine($"acked {t.Ledger.RecordsAcked} failed {t.Ledger.RecordsFailed} retried {t.Ledger.RecordsRetried}");
        foreach (var e in t.Ledger.RetriesByError) output.WriteLine($"retry {e.Key}: {e.Value}");
        var fence = Assert.Single(t.Trace.Fenced);
        Assert.Equal(leader, fence.Broker);
        var after = t.Cluster.PartitionState(0);
        Assert.NotEqual(leader, after.Leader);
        Assert.Equal(0, t.Audit().LostRecords);
    }

    [Fact]
    public void Acks1LosesAcknowledgedRecordsWhenTheLeaderDiesBeforeFollowersFetch()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 1, rf: 3, minIsr: 2).Build();
        t.Producer("a", KafkaScenario.Steady("orders", 1000), new ProducerConfig { Acks = 1 });
        t.RunFor(SimDuration.FromSeconds(10));
        int leader = t.Cluster.PartitionState(0).Leader;
        var followers = t.Cluster.PartitionState(0).Replicas.Where(r => r != leader).Select(t.BrokerNode).ToArray();
        t.CutBetween([t.BrokerNode(leader)], followers);
        t.RunFor(SimDuration.FromSeconds(2));
        t.Cluster.CrashBroker(leader, powerLoss: false);
        t.RunFor(SimDuration.FromSeconds(20));
        t.Network.RemoveCut(t.Network.Cuts[0]);
        t.Cluster.RestartBroker(leader);
        t.RunFor(SimDuration.FromSeconds(20));
        foreach (var c in t.Trace.PartitionChanges) output.WriteLine($"{c.At} {c.After} <- {c.Cause}");
        foreach (var tr in t.Trace.Truncations) output.WriteLine($"{tr.At} broker {tr.Broker} truncated to {tr.To} removing {tr.Removed}: {tr.Cause}");
        var audit = t.Audit();
        output.WriteLine($"lost {audit.LostRecords} of {audit.AuditedRecords}");
        Assert.True(audit.LostRecords > 1000, $"lost {audit.LostRecords}");
    }
}
