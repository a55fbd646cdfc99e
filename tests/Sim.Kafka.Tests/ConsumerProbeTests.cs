using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests;

public class ConsumerProbeTests(ITestOutputHelper output)
{
    private sealed class Consumption : IKafkaObserver
    {
        public long Records;
        public List<double> LatencyMs = [];
        public void Consumed(SimTime at, int consumerId, string group, int partition, in RecordBatch batch)
        {
            Records += batch.Count;
            LatencyMs.Add((at - batch.CreateTime).TotalMilliseconds);
        }
    }

    [Fact]
    public void AConsumerReadsWhatWasCommittedAndResumesFromItsCommittedOffsets()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 3, rf: 3, minIsr: 2).WithConsumerOffsets(3).Build();
        var seen = new Consumption();
        t.Events.Add(seen);
        t.Producer("a", KafkaScenario.Steady("orders", 1000));
        var c = t.Consumer("b", "orders", new ConsumerConfig { GroupId = "billing", AutoOffsetResetEarliest = true });
        t.RunFor(SimDuration.FromSeconds(20));
        var sorted = seen.LatencyMs.Order().ToList();
        output.WriteLine($"consumed {seen.Records} of acked {t.Ledger.RecordsAcked}; e2e p50 {sorted[sorted.Count / 2]:F2} ms p99 {sorted[(int)(sorted.Count * 0.99)]:F2} ms");
        Assert.True(seen.Records > t.Ledger.RecordsAcked * 0.95, $"{seen.Records} of {t.Ledger.RecordsAcked}");
        c.Stop();
        var positions = c.Positions.ToArray();
        t.RunFor(SimDuration.FromSeconds(6));
        var again = t.Consumer("b", "orders", new ConsumerConfig { GroupId = "billing" });
        t.RunFor(SimDuration.FromMilliseconds(300));
        for (int i = 0; i < positions.Length; i++)
        {
            output.WriteLine($"p{i}: stopped at {positions[i]}, resumed at or after {again.Positions[i]}");
            Assert.InRange(again.Positions[i], positions[i] - 6000, positions[i] + 6000);
        }
    }
}
