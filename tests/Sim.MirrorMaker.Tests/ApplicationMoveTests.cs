using Sim.Core.Time;
using Sim.Kafka;
using Sim.Kafka.Clients;
using Sim.Kafka.Config;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;
using Sim.Kafka.Protocol;
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

    /// <summary>
    /// Moving closes the old producer as <c>KafkaProducer.close(timeout)</c> does: every record it was handed gets
    /// an outcome (requests in flight at the move are answered, batches not yet sent fail), and it hands over nothing after.
    /// The run goes on past one request.timeout.ms (30 s) after the move, so a request whose answer is late is retried.
    /// </summary>
    [Fact]
    public void AMovedProducerFinishesWhatItHadSent_EveryRecordItWasHandedGetsAnOutcome()
    {
        var t = Create(NoFlows);
        var f = t.Failover(new FailoverConfig { Detection = DetectionKind.Operator });
        var app = t.Follower(f, ProducerApp("orders-app", new WorkloadConfig("orders", 20_000) { Keys = 100 }));
        var first = app.Producer!;
        var outcomes = new Outcomes();
        t.Sim.EventsOf("a").Add(outcomes);
        t.RunUntil("10s");
        app.MoveTo(t.B, new ResumePoint([]));
        long handedAtMove = outcomes.Produced(first.Id), ackedAtMove = outcomes.Acked(first.Id);
        t.RunUntil("45s");
        Assert.True(first.Stopped, $"buffered {first.BufferedBytes} bytes; produced {outcomes.Produced(first.Id)}, acked {outcomes.Acked(first.Id)}, failed {outcomes.Failed(first.Id)}; at the move {handedAtMove} handed, {ackedAtMove} acked");
        Assert.Equal(handedAtMove, outcomes.Produced(first.Id));
        Assert.Equal(outcomes.Produced(first.Id), outcomes.Acked(first.Id) + outcomes.Failed(first.Id));
        Assert.True(outcomes.Acked(first.Id) > ackedAtMove, "requests in flight at the move were answered");
    }

    /// <summary>Records handed over, acknowledged and failed per producer on one cluster.</summary>
    private sealed class Outcomes : IKafkaObserver
    {
        private readonly Dictionary<int, (long Produced, long Acked, long Failed)> _of = [];

        public long Produced(int producer) => _of.GetValueOrDefault(producer).Produced;
        public long Acked(int producer) => _of.GetValueOrDefault(producer).Acked;
        public long Failed(int producer) => _of.GetValueOrDefault(producer).Failed;

        public void Produced(SimTime at, int producerId, int records) =>
            _of[producerId] = _of.GetValueOrDefault(producerId) with { Produced = Produced(producerId) + records };

        public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency) =>
            _of[producerId] = _of.GetValueOrDefault(producerId) with { Acked = Acked(producerId) + batch.Count };

        public void ProduceFailed(SimTime at, int producerId, int partition, int records, ErrorCode error) =>
            _of[producerId] = _of.GetValueOrDefault(producerId) with { Failed = Failed(producerId) + records };
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
