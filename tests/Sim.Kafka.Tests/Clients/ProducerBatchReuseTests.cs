using Sim.Core.Time;
using Sim.Kafka.Clients;
using Sim.Kafka.Config;
using Sim.Kafka.Log;
using Sim.Kafka.Protocol;
using Sim.Kafka.Tests.Support;

namespace Sim.Kafka.Tests.Clients;

/// <summary>
/// A producer reuses a batch once it is acknowledged, its listener (a MirrorMaker 2 task) included: through a leader's
/// crash and restart, with requests timed out, retried and answered late, every batch handed to it is still told once,
/// with its own fields, so no batch was reused while a request, a queue or a retry still held it.
/// </summary>
public sealed class ProducerBatchReuseTests
{
    private sealed class Recorder : IProducerListener
    {
        public readonly List<(int Partition, long SourceOffset, int Count)> Told = [];
        public readonly HashSet<ProducerBatch> Seen = new(ReferenceEqualityComparer.Instance);
        public int Reused, Failures;

        public void Acked(KafkaProducer producer, int partition, ProducerBatch batch, long baseOffset)
        {
            if (!Seen.Add(batch)) Reused++;
            Told.Add((partition, batch.SourceOffset, batch.Count));
        }

        public void Failed(KafkaProducer producer, int partition, ProducerBatch batch, ErrorCode error) => Failures++;
    }

    [Fact]
    public void ThroughALeadersCrashAndRestart_EveryBatchIsAcknowledgedOnceWithItsOwnFields_WhileBatchesAreReused()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 3, rf: 3, minIsr: 2).Build();
        var partitions = t.Cluster.Context.Partitions.Where(p => p.Topic.Name == "orders").ToList();
        var producer = t.Cluster.AddProducer(900, t.Topology.Node("client-a"), new ProducerConfig { Acks = -1 }, partitions);
        var recorder = new Recorder();
        producer.Listener = recorder;
        producer.Start();
        var sent = new List<(int Partition, long SourceOffset, int Count)>();
        var next = new long[partitions.Count];
        int crashed = -1;
        for (int step = 0; step < 1600; step++)
        {
            t.RunUntil(SimTime.Zero + SimDuration.FromMilliseconds(5 * step));
            if (step == 400) t.Cluster.CrashBroker(crashed = t.Cluster.PartitionState(partitions[0].Index).Leader, powerLoss: false);
            if (step == 800) t.Cluster.RestartBroker(crashed);
            for (int i = 0; i < partitions.Count; i++)
            {
                // Counts differ by partition and step, so a batch told with another's fields would not match.
                int count = 1 + (step + i) % 7;
                if (!producer.TrySend(partitions[i].Index, count, 100 * count, t.Now, default, next[i])) continue;
                sent.Add((partitions[i].Index, next[i], count));
                next[i] += count;
            }
        }
        t.RunUntil(t.Now + SimDuration.FromSeconds(20));

        Assert.Equal(0, recorder.Failures);
        Assert.True(t.Ledger.RecordsRetried > 0, $"{t.Ledger.RecordsRetried} records retried; errors {string.Join(", ", t.Ledger.RetriesByError)}");
        Assert.True(recorder.Reused > 1000, $"{recorder.Reused} batches reused");
        // Batches queued behind a blocked sender merge (MergeFollowing), so what is told tiles each partition's records
        // sent, in source offsets, once each: a batch reused while held would be told twice, or with another's fields.
        for (int i = 0; i < partitions.Count; i++)
        {
            long expected = 0;
            foreach (var (_, offset, count) in recorder.Told.Where(x => x.Partition == partitions[i].Index).OrderBy(x => x.SourceOffset))
            {
                Assert.Equal(expected, offset);
                expected += count;
            }
            Assert.Equal(next[i], expected);
        }
        Assert.True(sent.Count > recorder.Told.Count, "batches merged behind the blocked sender");
    }
}
