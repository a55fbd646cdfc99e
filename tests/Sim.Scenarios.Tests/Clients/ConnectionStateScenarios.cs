using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Clients;

/// <summary>
/// The leader of the only partition loses power (its site goes dark, so no reset ever comes back). Source: Kafka's
/// NetworkClient (<c>handleTimedOutRequests</c> closes the connection of a request that timed out;
/// <c>leastLoadedNode</c> sends metadata to a ready node, never to one disconnected within its backoff) and
/// ClusterConnectionStates (connecting, ready, disconnected; <c>reconnect.backoff.ms</c> 50 to
/// <c>reconnect.backoff.max.ms</c> 1000; <c>socket.connection.setup.timeout.ms</c> 10000 to 30000), with
/// Sender sending only to ready nodes. The producer learns of the loss by its request timeout, and then finds
/// the new leader from another broker at once: its writes resume about one request timeout after the power loss.
/// </summary>
public class ConnectionStateScenarios(ITestOutputHelper output)
{
    private const string LeaderPowerLoss = """
        name: leader-power-loss
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 90s
        warmup: 10s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 3, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: b, topic: orders, rate: 500/s, keys: 100, config: { acks: all, request.timeout.ms: 12000 } }
            - { zone: c, topic: orders, rate: 500/s, keys: 100, config: { acks: all, request.timeout.ms: 12000 } }
            - { zone: c, topic: orders, rate: 500/s, keys: 100, config: { acks: all, request.timeout.ms: 12000 } }
        faults:
          - { at: 30s, kind: zone-outage, target: a }
        """;

    /// <summary>
    /// Source: NetworkClient.handleTimedOutRequests and leastLoadedNode, ClusterConnectionStates; KIP-601
    /// (<c>socket.connection.setup.timeout.ms</c>). The producer's RTO is one request timeout, not two.
    /// </summary>
    [Fact]
    public void AfterALeaderLosesPowerWritesResumeOneRequestTimeoutLaterWithoutOutOfOrderFailures()
    {
        foreach (int timeoutS in new[] { 12, 30 })
        {
            var o = Scenario.Run(LeaderPowerLoss, 0, [.. Enumerable.Range(0, 3).Select(i => $"workload.producers.{i}.config.request.timeout.ms={timeoutS * 1000}")]);
            output.WriteLine($"request.timeout.ms {timeoutS} s: RTO {o.Result.ProducerRto.Seconds:0.00} s, failed {o.Result.RecordsFailed}, " +
                             $"out-of-order failures {o.Matching("failure", "OUT_OF_ORDER").Count()}");
            Assert.InRange(o.Result.ProducerRto.Seconds, timeoutS - 3, timeoutS + 1.5);
            Assert.Equal(0, o.Result.RecordsFailed);
        }
    }
}
