using Sim.Core.Time;
using Sim.Kafka.Tests.Support;

namespace Sim.Kafka.Tests.Broker;

/// <summary>
/// A follower's fetch parked at the leader (DelayedFetch, KIP-227 session) is woken by every high-watermark advance and
/// append on its partitions. A wake that finds nothing to send leaves it parked, and the next wake looks again only at
/// the partitions touched since: an append to any of them must still answer it at once, not when
/// replica.fetch.wait.max.ms (500 ms) runs out.
/// </summary>
public class ParkedFetchWakeTests
{
    [Fact]
    public void AFollowerFetchLeftParkedByAHighWatermarkWakeIsAnsweredAtTheNextAppend()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 60, rf: 3, minIsr: 2).Build();
        var lat = new LatencyRecorder();
        t.Events.Add(lat);
        // A few records a second on two keys: between appends every follower fetch parks, and the high watermark advance
        // the second follower's fetch brings wakes the first's parked fetch with nothing to send.
        t.Producer("a", KafkaScenario.Steady("orders", 20, keys: 2));
        t.RunUntil(SimTime.FromSeconds(8));

        var acked = lat.Latencies.Where(l => l.At > SimTime.FromSeconds(2)).ToList();
        Assert.True(acked.Count > 60, $"{acked.Count} batches acknowledged");
        // acks=all waits for both followers' next fetch: answered at the append, it takes a few round trips.
        double worst = acked.Max(l => l.Ms);
        Assert.True(worst < 100, $"slowest acknowledgement {worst:F1} ms");
    }
}
