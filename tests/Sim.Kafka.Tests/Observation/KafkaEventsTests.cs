using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;

namespace Sim.Kafka.Tests.Observation;

/// <summary>Every observer that implements an event gets it, in registration order; those that only inherit the empty default are skipped.</summary>
public class KafkaEventsTests
{
    private sealed class AckedOnly(List<string> log, string name) : IKafkaObserver
    {
        public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency) =>
            log.Add($"{name} acked {partition}");
    }

    private sealed class Explicit(List<string> log) : IKafkaObserver
    {
        void IKafkaObserver.Appended(SimTime at, int brokerId, int partition, in RecordBatch batch, bool asLeader) => log.Add($"explicit appended {partition}");

        void IKafkaObserver.ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency) =>
            log.Add($"explicit acked {partition}");
    }

    private class Base(List<string> log) : IKafkaObserver
    {
        protected List<string> Log { get; } = log;

        public virtual void Produced(SimTime at, int producerId, int records) => Log.Add($"base produced {records}");

        public void HighWatermarkAdvanced(SimTime at, int brokerId, int partition, long highWatermark) => Log.Add($"base hw {highWatermark}");
    }

    private sealed class Derived(List<string> log) : Base(log)
    {
        public override void Produced(SimTime at, int producerId, int records) => Log.Add($"derived produced {records}");
    }

    private sealed class Nothing : IKafkaObserver;

    [Fact]
    public void Implements_TellsOwnOrInheritedImplementationsFromTheEmptyDefault()
    {
        Assert.True(KafkaEvents.Implements(typeof(AckedOnly), nameof(IKafkaObserver.ProduceAcked)));
        Assert.False(KafkaEvents.Implements(typeof(AckedOnly), nameof(IKafkaObserver.Appended)));
        Assert.True(KafkaEvents.Implements(typeof(Explicit), nameof(IKafkaObserver.Appended)));
        Assert.True(KafkaEvents.Implements(typeof(Derived), nameof(IKafkaObserver.HighWatermarkAdvanced)));
        Assert.True(KafkaEvents.Implements(typeof(Derived), nameof(IKafkaObserver.Produced)));
        Assert.False(KafkaEvents.Implements(typeof(Derived), nameof(IKafkaObserver.Consumed)));
        Assert.False(KafkaEvents.Implements(typeof(Nothing), nameof(IKafkaObserver.ProduceAcked)));
    }

    [Fact]
    public void Events_ReachTheObserversImplementingThem_InRegistrationOrder()
    {
        var log = new List<string>();
        var events = new KafkaEvents();
        events.Add(new AckedOnly(log, "first"));
        events.Add(new Nothing());
        events.Add(new Explicit(log));
        events.Add(new Derived(log));
        events.Add(new AckedOnly(log, "last"));
        var batch = new RecordBatch { Count = 1, Bytes = 100 };

        events.ProduceAcked(SimTime.Zero, 1, 4, batch, -1, SimDuration.Zero);
        events.Appended(SimTime.Zero, 1, 5, batch, asLeader: true);
        events.Produced(SimTime.Zero, 1, 3);
        events.HighWatermarkAdvanced(SimTime.Zero, 1, 6, 42);
        events.Consumed(SimTime.Zero, 9, "g", 7, batch);

        Assert.Equal(["first acked 4", "explicit acked 4", "last acked 4", "explicit appended 5", "derived produced 3", "base hw 42"], log);
    }
}
