using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Protocol;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.DataPlane;

public class IdempotenceTests(ITestOutputHelper output)
{
    /// <summary>Source: ProducerConfig enable.idempotence ("the producer will ensure that exactly one copy of each message is written"); KIP-98.</summary>
    [Fact]
    public void IdempotentRetriesAfterLostResponsesWriteNoDuplicatesAndLoseNothing()
    {
        var t = RunWithResponsesLost(idempotent: true);
        var audit = t.Audit();
        output.WriteLine($"duplicates {audit.DuplicateRecords}, lost {audit.LostRecords} of {audit.AuditedRecords}");
        Assert.Equal(0, audit.DuplicateRecords);
        Assert.Equal(0, audit.LostRecords);
        Assert.Equal(0, t.Ledger.RecordsFailed);
        Assert.Equal(t.Ledger.RecordsProduced, t.Ledger.RecordsAcked);
        // Exactly once: the log holds each produced record once and nothing else.
        Assert.Equal(t.Ledger.RecordsProduced, t.Cluster.FinalLog(0)!.LogEndOffset);
    }

    /// <summary>Source: ProducerConfig enable.idempotence=false / retries ("retries ... may cause duplicates"); Jepsen's Kafka analyses of retried produce requests.</summary>
    [Fact]
    public void NonIdempotentRetriesAfterLostResponsesWriteDuplicates()
    {
        var t = RunWithResponsesLost(idempotent: false);
        var audit = t.Audit();
        output.WriteLine($"duplicates {audit.DuplicateRecords}, lost {audit.LostRecords} of {audit.AuditedRecords}");
        Assert.True(audit.DuplicateRecords > 0, "no retried batch was appended twice");
        // Every retry reached the leader (only responses were cut), so every retried record was written again.
        Assert.Equal(t.Ledger.RetriesByError[ErrorCode.RequestTimedOut], audit.DuplicateRecords);
        Assert.Equal(t.Ledger.RecordsProduced + audit.DuplicateRecords, t.Cluster.FinalLog(0)!.LogEndOffset);
        Assert.Equal(0, audit.LostRecords);
    }

    /// <summary>
    /// One partition, RF 3, acks=all, 1000 records/s, request.timeout.ms 3 s. From 10 s to 16 s nothing
    /// gets from the leader's node to the client's node: requests arrive and are appended, responses are
    /// lost, so the producer times its requests out and retries them. The application stops at 30 s.
    /// </summary>
    private KafkaScenario RunWithResponsesLost(bool idempotent)
    {
        var t = KafkaScenario.Create().WithSeed(707).WithTopic("orders", partitions: 1, rf: 3, minIsr: 2).Build();
        var config = new ProducerConfig { EnableIdempotence = idempotent, RequestTimeout = SimDuration.FromSeconds(3) };
        var producer = t.Producer("a", KafkaScenario.Steady("orders", 1000) with { Stop = SimTime.FromSeconds(30) }, config);
        t.RunUntil(SimTime.FromSeconds(10));
        int leader = t.Cluster.PartitionState(0).Leader;
        var cut = t.CutBetween([t.BrokerNode(leader)], [producer.Node], oneWay: true);
        t.RunUntil(SimTime.FromSeconds(16));
        t.Network.RemoveCut(cut);
        t.RunUntil(SimTime.FromSeconds(40));
        output.WriteLine($"produced {t.Ledger.RecordsProduced} acked {t.Ledger.RecordsAcked} failed {t.Ledger.RecordsFailed} buffered {producer.BufferedBytes} B");
        foreach (var e in t.Ledger.RetriesByError) output.WriteLine($"retried {e.Key}: {e.Value}");
        foreach (var e in t.Ledger.FailuresByError) output.WriteLine($"failed {e.Key}: {e.Value}");
        foreach (var c in t.Trace.PartitionChanges) output.WriteLine($"{c.At} {c.After} <- {c.Cause}");
        // The scenario only tests something if requests really were retried after their responses were lost.
        Assert.True(t.Ledger.RetriesByError.GetValueOrDefault(ErrorCode.RequestTimedOut) > 0, "no request timed out");
        Assert.Empty(t.Trace.PartitionChanges);
        return t;
    }
}
