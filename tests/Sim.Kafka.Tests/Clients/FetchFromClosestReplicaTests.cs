using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;
using Sim.Kafka.Tests.Support;

namespace Sim.Kafka.Tests.Clients;

/// <summary>KIP-392: with RackAwareReplicaSelector and client.rack, a consumer reads from an in-sync replica in its rack.</summary>
public class FetchFromClosestReplicaTests
{
    private sealed class ConsumedCounter : IKafkaObserver
    {
        public long Bytes;
        public long Records;
        public void Consumed(SimTime at, int consumerId, string group, int partition, in RecordBatch batch)
        {
            Bytes += batch.Bytes;
            Records += batch.Count;
        }
    }

    private static (long CrossZoneIntoC, ConsumedCounter Consumed, long Acked) Run(string? selector)
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 6, rf: 3, minIsr: 2)
            .WithBroker(b => b with { ReplicaSelectorClass = selector }).Build();
        var consumed = new ConsumedCounter();
        t.Events.Add(consumed);
        t.Producer("a", KafkaScenario.Steady("orders", 2000));
        t.Consumer("c", "orders", new ConsumerConfig { GroupId = "g", AutoOffsetResetEarliest = true, ClientRack = "c" });
        t.RunFor(SimDuration.FromSeconds(20));
        var c = t.Topology.Zone("c");
        long into = t.Network.BytesBetween(t.Topology.Zone("a"), c) + t.Network.BytesBetween(t.Topology.Zone("b"), c);
        return (into, consumed, t.Ledger.RecordsAcked);
    }

    [Fact]
    public void AConsumerWithClientRackReadsFromTheReplicaInItsZoneInsteadOfAcrossZones()
    {
        var leaderOnly = Run(selector: null);
        var closest = Run(selector: "RackAwareReplicaSelector");
        // Both consumers read everything that was acknowledged (a follower serves up to its own high watermark).
        Assert.True(closest.Consumed.Records > closest.Acked * 0.95, $"{closest.Consumed.Records} of {closest.Acked}");
        Assert.True(leaderOnly.Consumed.Records > leaderOnly.Acked * 0.95);
        // Reading from the leader pulls two thirds of the data across zones (leaders sit in a and b for 4 of 6
        // partitions); reading from zone c's replica does not, so the difference is about that traffic.
        long saved = leaderOnly.CrossZoneIntoC - closest.CrossZoneIntoC;
        Assert.True(saved > closest.Consumed.Bytes / 2, $"saved {saved} bytes of {closest.Consumed.Bytes} consumed");
    }
}
