using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Clients;

/// <summary>
/// Both followers crash at 20 s and leave the ISR (min.insync.replicas 1, so the leader goes on acknowledging
/// alone); at 35 s the leader crashes too, and an out-of-sync follower is elected uncleanly: it has not seen the
/// idempotent producer's latest sequences, so the producer's next batch is refused with OUT_OF_ORDER_SEQUENCE_NUMBER.
/// Source: Kafka's TransactionManager.canRetry ("For the idempotent producer, retry all OUT_OF_ORDER_SEQUENCE_NUMBER
/// errors ... we know there is actually a gap in the sequences, and we bump the epoch"), KIP-360, and the
/// OutOfOrderSequenceException javadoc (with idempotence only, the producer can continue sending). Records fail
/// only when their <c>delivery.timeout.ms</c> runs out.
/// </summary>
public class OutOfOrderSequenceScenarios(ITestOutputHelper output)
{
    private const string UncleanElectionLosesSequences = """
        name: out-of-order-sequence
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 80s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 1, replication.factor: 3, min.insync.replicas: 1, unclean.leader.election.enable: true }
        workload:
          producers:
            - { zone: c, topic: orders, rate: 2000/s, keys: 100, config: { acks: all, enable.idempotence: true } }
        faults:
          - { at: 20s, kind: broker-crash, target: stretch-broker-2, mode: process, duration: 20s }
          - { at: 20s, kind: broker-crash, target: stretch-broker-3, mode: process, duration: 20s }
          - { at: 35s, kind: broker-crash, target: stretch-broker-1, mode: process, duration: 20s }
        """;

    /// <summary>Source: TransactionManager.canRetry (OUT_OF_ORDER_SEQUENCE_NUMBER is retried by the idempotent producer), KIP-360 (epoch bump).</summary>
    [Fact]
    public void AnIdempotentProducerRetriesOutOfOrderSequenceAfterAnUncleanElectionAndFailsNothing()
    {
        var o = Scenario.Run(UncleanElectionLosesSequences);
        int refused = o.Matching("retry", "OUT_OF_ORDER").Count();
        output.WriteLine($"OUT_OF_ORDER_SEQUENCE_NUMBER retries {refused}; failures {o.Matching("failure", "OUT_OF_ORDER").Count()}; " +
                         $"produced {o.Result.RecordsProduced}, acked {o.Result.RecordsAcked}, failed {o.Result.RecordsFailed}");
        Assert.True(refused > 0, "the new leader never refused a sequence:\n" + o.Brief());
        Assert.Empty(o.Matching("failure", "OUT_OF_ORDER"));
        Assert.Equal(0, o.Result.RecordsFailed);
    }
}
