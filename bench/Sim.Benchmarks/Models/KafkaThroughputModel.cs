using Sim.Architectures.Model;
using Sim.Architectures.Runtime;
using System.Diagnostics;
using Sim.Core.Time;
using Sim.Experiments.Models;
using Sim.Kafka.Config;
using Sim.Kafka.Observation;

namespace Sim.Benchmarks.Models;

/// <summary>
/// The data-plane benchmark: a three-broker cluster in one zone (three KRaft voters in combined mode),
/// a topic of 100 partitions with RF 3 and min.insync.replicas 2, and four producers writing 1 KiB records
/// at 50 MB/s in all (acks=all, linger.ms 5, keyed over 100,000 keys), for a span of simulated time.
/// Records are never objects, so memory should level off once the log's detail window has filled
/// whatever the number of records produced; the run samples it to show that.
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

    public sealed record Sample(double SimulatedSeconds, double WallSeconds, long Events, long RecordsAcked, long ManagedBytes);

    public sealed record Result(IReadOnlyList<Sample> Samples, long PeakWorkingSetBytes, string Fingerprint);

    /// <summary>Runs for <paramref name="span"/>, sampling progress and managed memory at each <paramref name="every"/>.</summary>
    public static Result Run(SimDuration span, SimDuration every, ulong seed = 1)
    {
        var model = ModelLoader.Load("bench-three-brokers.yaml", ModelYaml);
        var topic = new TopicConfig("load", 100, 3) { MinInSyncReplicas = 2 };
        var ledger = new AckLedger();
        var sim = Simulation.Build(model, new Dictionary<string, ClusterSettings> { ["main"] = new([topic]) { Server = new ServerSettings { OffsetsTopicPartitions = 0 } } }, seed, [ledger]);
        var cluster = sim.Cluster("main");
        double perProducer = BytesPerSecond / RecordBytes / 4;
        for (int i = 1; i <= 4; i++)
        {
            cluster.AddProducer(i, sim.ClientNode("a"), new ProducerConfig(), new WorkloadConfig("load", perProducer) { Keys = 100_000 }).Start();
        }
        var samples = new List<Sample>();
        var wall = Stopwatch.StartNew();
        for (var t = SimTime.Zero + every; t <= SimTime.Zero + span; t += every)
        {
            sim.Scheduler.Run(t, long.MaxValue);
            samples.Add(new Sample(t.TotalSeconds, wall.Elapsed.TotalSeconds, sim.Scheduler.EventsExecuted, ledger.RecordsAcked, GC.GetTotalMemory(forceFullCollection: true)));
        }
        return new Result(samples, Process.GetCurrentProcess().PeakWorkingSet64, sim.Scheduler.Fingerprint.ToString());
    }
}
