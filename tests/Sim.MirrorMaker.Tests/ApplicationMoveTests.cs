using Sim.Core.Time;
using Sim.Kafka;
using Sim.Kafka.Clients;
using Sim.Kafka.Config;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;
using Sim.MirrorMaker.Failover;
using static Sim.MirrorMaker.Tests.Support.MirrorScenario;

namespace Sim.MirrorMaker.Tests;

/// <summary>
/// An application owns its clients and moves them when told (<see cref="Sim.Architectures.Applications.Application.MoveTo"/>):
/// the old client stops, a new one with the next id of its block starts on the other cluster, named after the application.
/// </summary>
public class ApplicationMoveTests
{
    private const string NoFlows = "  mm2: { workers: { b: 1 }, flows: { a->b: { emit.checkpoints.interval.seconds: 5 } } }";

    [Fact]
    public void AProducerMovedMidRunWritesOnTheNewClusterAndItsOldClientStops()
    {
        var t = Create(NoFlows);
        var f = t.Failover(new FailoverConfig { Detection = DetectionKind.Operator });
        var app = t.Follower(f, ProducerApp("orders-app", new WorkloadConfig("orders", 500) { Keys = 100 }));
        var first = app.Producer!;
        AckCount onA = new(), onB = new();
        t.Sim.EventsOf("a").Add(onA);
        t.Sim.EventsOf("b").Add(onB);
        t.RunUntil("10s");
        app.MoveTo(t.B, new ResumePoint([]));
        t.RunUntil("20s");
        var moved = app.Producer!;
        Assert.Same(t.B, app.Cluster);
        Assert.True(first.Stopped);
        Assert.Equal(first.Id + 1, moved.Id);
        Assert.Equal("orders-app (producer #2, on cluster b)", t.Sim.ClientIds.NameOf(moved.Id));
        Assert.Equal("orders-app (producer #1, on cluster a)", t.Sim.ClientIds.NameOf(first.Id));
        Assert.True(onA.Of(first.Id) > 3000, $"the producer wrote {onA.Of(first.Id)} records on a before it moved");
        Assert.True(onB.Of(moved.Id) > 3000, $"the moved producer wrote {onB.Of(moved.Id)} records on b");
        Assert.Equal(0, onA.Of(moved.Id));
        Assert.Equal(0, onB.Of(first.Id));
    }

    [Fact]
    public void AConsumerMovedWithExplicitPositionsResumesFromThem()
    {
        var t = Create(NoFlows);
        t.Produce("b", 500);
        var f = t.Failover(new FailoverConfig { Detection = DetectionKind.Operator });
        var app = t.Follower(f, ConsumerApp("billing", new ConsumerConfig { GroupId = "billing" }, "orders"));
        t.RunUntil("10s");
        var partitions = t.B.Context.Partitions.Where(p => p.Topic.Name == "orders").Select(p => p.Index).ToList();
        long[] from = [100, 200, 300];
        var firstRead = new Dictionary<int, long>();
        app.ClientStarted += (_, _, _) => app.Consumer!.Sink = new FirstOffsets(firstRead);
        app.MoveTo(t.B, new ResumePoint(partitions) { Positions = from });
        t.RunUntil("12s");
        Assert.Same(t.B, app.Cluster);
        Assert.Equal(partitions, app.Consumer!.Assigned);
        for (int i = 0; i < partitions.Count; i++) Assert.Equal(from[i], firstRead[partitions[i]]);
    }

    /// <summary>Records acknowledged per producer on one cluster.</summary>
    private sealed class AckCount : IKafkaObserver
    {
        private readonly Dictionary<int, long> _acked = [];

        public long Of(int producer) => _acked.GetValueOrDefault(producer);

        public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency) =>
            _acked[producerId] = Of(producerId) + batch.Count;
    }

    private sealed class FirstOffsets(Dictionary<int, long> first) : IConsumerSink
    {
        public void Records(KafkaConsumer consumer, int partition, in RecordBatch batch) => first.TryAdd(partition, batch.BaseOffset);
    }
}
