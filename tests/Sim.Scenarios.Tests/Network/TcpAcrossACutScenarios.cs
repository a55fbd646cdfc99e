using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Network;

/// <summary>
/// A producer in site b is cut off from the leader of orders-0 (everything else talks as usual), with
/// <c>request.timeout.ms</c> 30 s and idempotence off, so a request delivered after the producer retried it
/// would be appended twice. TCP does not lose what a cut stops: the sender retransmits it with exponential
/// backoff (RFC 6298; Linux rto_min 200 ms, TCP_RTO_MAX 120 s, tcp_retries2 = 15, tcp(7)), and the first
/// retransmission after the heal delivers it. A request that times out first closes its connection
/// (Kafka's NetworkClient.handleTimedOutRequests → processTimeoutDisconnection), and what TCP held of it goes
/// with the socket. The run has no warm-up and the producer stops before the end, so the log can be compared
/// with what was produced: a request appended beside its retry shows as an extra record (IdempotenceScenarios).
/// </summary>
public class TcpAcrossACutScenarios(ITestOutputHelper output)
{
    private const string ProducerCutFromLeader = """
        name: producer-cut-from-leader
        model: models/three-metro-dcs.yaml
        seed: 7
        duration: 150s
        warmup: 0s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 1, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: b, topic: orders, rate: 200/s, keys: 100, stop: 140s, config: { acks: all, enable.idempotence: false, request.timeout.ms: 30000 } }
        faults:
          - { at: 15s, kind: network-partition, target: client-b, to: "leader-of:orders/0", duration: 3s }
        """;

    /// <summary>Source: RFC 6298 §5 (retransmission timer, backoff); Linux tcp(7) tcp_retries2; Kafka NetworkClient request timeout.</summary>
    [Fact]
    public void AProduceStoppedByAThreeSecondCutCompletesShortlyAfterTheHealWithoutARetry()
    {
        var o = Scenario.Run(ProducerCutFromLeader);
        var latency = o.Result.ProduceLatency;
        output.WriteLine($"3 s cut: produce latency max {latency.MaxMs:0} ms, p99 {latency.P99Ms:0} ms; {o.RecordsInTopic("orders")} records in the log " +
                         $"for {o.Result.RecordsProduced} produced, " +
                         $"failed {o.Result.RecordsFailed}, retries: {string.Join("; ", o.Entries("retry").Select(e => e.Text))}");
        // The requests sent during the cut arrive at the first retransmission after the heal (the backoff from a
        // ~200 ms RTO puts it at most about 3 s after the heal), not at the 30 s request timeout.
        Assert.InRange(latency.MaxMs, 3000, 7000);
        Assert.Empty(o.Entries("retry"));
        Assert.Equal(o.Result.RecordsProduced, o.RecordsInTopic("orders"));
        Assert.Equal(0, o.Result.RecordsFailed);
    }

    /// <summary>Source: Kafka NetworkClient.handleTimedOutRequests closes the connection; the held request is never delivered.</summary>
    [Fact]
    public void AProduceStoppedByASixtySecondCutTimesOutAndItsHeldRequestNeverArrivesLate()
    {
        var o = Scenario.Run(ProducerCutFromLeader, 0, "faults.0.duration=60s");
        var retries = o.Entries("retry").ToList();
        output.WriteLine($"60 s cut: produce latency max {o.Result.ProduceLatency.MaxMs:0} ms; {o.RecordsInTopic("orders")} records in the log " +
                         $"for {o.Result.RecordsProduced} produced, " +
                         $"failed {o.Result.RecordsFailed}, retries: {string.Join("; ", retries.Select(e => $"{e.TimeS:0.000} {e.Text}"))}");
        // The first requests of the cut time out 30 s after they were sent, as before: TCP is still retransmitting.
        var first = retries.First(r => r.Text.Contains("REQUEST_TIMED_OUT", StringComparison.Ordinal));
        Assert.InRange(first.TimeS, 15 + 30, 15 + 31);
        // Retransmissions of the first held request would reach the leader at about 122 s (15 s + 0.21 s·(2^9 − 1)),
        // long after the heal at 75 s; had they, the request would be appended beside its retry.
        Assert.Equal(o.Result.RecordsProduced, o.RecordsInTopic("orders"));
        Assert.Equal(0, o.Result.RecordsFailed);
    }
}
