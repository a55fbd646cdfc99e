using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Clients;

/// <summary>
/// A producer writing about 10 MB/s loses its leader for several seconds: its 32 MiB <c>buffer.memory</c> fills in
/// about three. Source: Kafka's BufferPool.allocate (a send that finds no room waits, in order, until memory is freed,
/// and throws only after <c>max.block.ms</c>) and ProducerConfig <c>max.block.ms</c> ("How long KafkaProducer's
/// send() ... will block ... for the buffer to be full", default 60000). The application's records are delayed, not
/// refused: nothing fails with the default, and a short <c>max.block.ms</c> fails records only after it.
/// </summary>
public class BufferMemoryScenarios(ITestOutputHelper output)
{
    private const string LeaderFailoverAtTenMegabytes = """
        name: buffer-memory
        model: models/three-metro-dcs.yaml
        seed: 11
        duration: 60s
        warmup: 5s
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
            - { zone: c, topic: orders, rate: 8000/s, keys: 100, config: { acks: all, batch.size: 131072 } }
        faults:
          - { at: 20s, kind: broker-crash, target: "leader-of:orders/0", mode: process, duration: 30s }
        """;

    /// <summary>Source: BufferPool.allocate; ProducerConfig <c>max.block.ms</c> and <c>buffer.memory</c>.</summary>
    [Fact]
    public void AFullBufferDelaysSendsForUpToMaxBlockMsInsteadOfRefusingThem()
    {
        var waited = Scenario.Run(LeaderFailoverAtTenMegabytes);
        output.WriteLine($"max.block.ms 60 s: failed {waited.Result.RecordsFailed} of {waited.Result.RecordsProduced}; " +
                         $"latency p99.9 {waited.Result.ProduceLatency.P999Ms:0} ms, max {waited.Result.ProduceLatency.MaxMs:0} ms");
        Assert.Equal(0, waited.Result.RecordsFailed);
        // The sends that waited for the failover are acknowledged late, and the wait is in their latency.
        Assert.True(waited.Result.ProduceLatency.MaxMs > 5000, $"max latency {waited.Result.ProduceLatency.MaxMs} ms");

        var impatient = Scenario.Run(LeaderFailoverAtTenMegabytes, 0, "workload.producers.0.config.max.block.ms=1000");
        double firstFailure = impatient.FirstTime("failure", "BUFFER_EXHAUSTED");
        output.WriteLine($"max.block.ms 1 s: failed {impatient.Result.RecordsFailed}, first at {firstFailure:0.000} s");
        Assert.True(impatient.Result.RecordsFailed > 0);
        // The buffer takes about 3 s to fill after the crash at 20 s; a send then waits 1 s before it fails.
        Assert.True(firstFailure >= 21, $"first failure at {firstFailure} s");
    }
}
