using Sim.Architectures.Model;
using Sim.Architectures.Runtime;
using System.Diagnostics;
using Sim.Core.Time;
using Sim.Experiments.Models;
using Sim.Kafka.Config;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;

namespace Sim.Benchmarks.Models;

/// <summary>
/// The data-plane benchmark: a three-broker cluster in one zone (three KRaft voters in combined mode),
/// a topic of 100 partitions (or as many as asked) with RF 3 and min.insync.replicas 2, and four producers
/// writing 1 KiB records at 50 MB/s in all (acks=all, linger.ms 5, keyed over 100,000 keys), for a span of
/// simulated time. The byte rate stays the same whatever the partition count, so more partitions mean more,
/// smaller batches. Records are never objects, so memory should level off once the log's detail window has
/// filled whatever the number of records produced; the run samples it to show that.
/// </summary>
public static class KafkaThroughputModel
{
    private const string ModelYaml = """
        name: bench-three-brokers
        regions:
          region:
            zones:
              a: { racks: [a1, a2, a3] }
        clusters:
          main:
            brokers: { a: 3 }
            controllers: { a: 3 }
            controller.mode: combined
        """;

    public const double BytesPerSecond = 50.0 * 1000 * 1000;
    public const int RecordBytes = 1024;

    /// <summary>One sample: progress at a simulated time, wall and process CPU seconds spent to reach it, batches leaders appended.</summary>
    public sealed record Sample(double SimulatedSeconds, double WallSeconds, double CpuSeconds, long Events, long RecordsAcked, long Batches, long ManagedBytes, long AllocatedBytes);

    public sealed record Result(IReadOnlyList<Sample> Samples, long PeakWorkingSetBytes, string Fingerprint);

    /// <summary>Counts the batches leaders append: the unit the cost per batch is quoted in.</summary>
    private sealed class BatchCounter : IKafkaObserver
    {
        public long Batches;

        public void Appended(SimTime at, int brokerId, int partition, in RecordBatch batch, bool asLeader)
        {
            if (asLeader) Batches++;
        }
    }

    /// <summary>Runs for <paramref name="span"/>, sampling progress and managed memory at each <paramref name="every"/>.</summary>
    public static Result Run(SimDuration span, SimDuration every, ulong seed = 1, int partitions = 100, bool sampleMemory = true)
    {
        var model = ModelLoader.Load("bench-three-brokers.yaml", ModelYaml);
        var topic = new TopicConfig("load", partitions, 3) { MinInSyncReplicas = 2 };
        var ledger = new AckLedger();
        var batches = new BatchCounter();
        var sim = Simulation.Build(model, new Dictionary<string, ClusterSettings> { ["main"] = new([topic]) { Server = new ServerSettings { OffsetsTopicPartitions = 0 } } }, seed, [ledger, batches]);
        var cluster = sim.Cluster("main");
        double perProducer = BytesPerSecond / RecordBytes / 4;
        for (int i = 1; i <= 4; i++)
        {
            cluster.AddProducer(i, sim.ClientNode("a"), new ProducerConfig(), new WorkloadConfig("load", perProducer) { Keys = 100_000 }).Start();
        }
        var samples = new List<Sample>();
        var wall = Stopwatch.StartNew();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        long alloc0 = GC.GetTotalAllocatedBytes(precise: false);
        for (var t = SimTime.Zero + every; t <= SimTime.Zero + span; t += every)
        {
            sim.Scheduler.Run(t, long.MaxValue);
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
            samples.Add(new Sample(t.TotalSeconds, wall.Elapsed.TotalSeconds, cpu, sim.Scheduler.EventsExecuted, ledger.RecordsAcked, batches.Batches,
                sampleMemory ? GC.GetTotalMemory(forceFullCollection: true) : 0, GC.GetTotalAllocatedBytes(precise: false) - alloc0));
        }
        process.Refresh();
        return new Result(samples, process.PeakWorkingSet64, sim.Scheduler.Fingerprint.ToString());
    }
}
