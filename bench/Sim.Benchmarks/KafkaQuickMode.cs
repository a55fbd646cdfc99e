using System.Globalization;
using Sim.Benchmarks.Models;
using Sim.Core.Time;

namespace Sim.Benchmarks;

/// <summary>Runs the Kafka data-plane benchmark once and prints a table of progress, cost per batch and memory over simulated time.</summary>
public static class KafkaQuickMode
{
    public static void Run(TextWriter output, double seconds, int partitions = 100)
    {
        var every = SimDuration.FromSeconds(Math.Max(10, seconds / 10));
        var r = KafkaThroughputModel.Run(SimDuration.FromSeconds(seconds), every, partitions: partitions);
        var ci = CultureInfo.InvariantCulture;
        output.WriteLine($"Kafka data plane: 3 brokers, {partitions} partitions, RF 3, {KafkaThroughputModel.BytesPerSecond / 1e6:0} MB/s of {KafkaThroughputModel.RecordBytes} B records, acks=all");
        output.WriteLine($"{"sim s",7} {"wall s",8} {"cpu s",8} {"events",13} {"records acked",14} {"batches",11} {"managed MB",11} {"sim s/cpu s",12} {"M events/s",11} {"us/batch",9} {"B/batch",8}");
        foreach (var s in r.Samples)
        {
            output.WriteLine(string.Create(ci, $"{s.SimulatedSeconds,7:0} {s.WallSeconds,8:0.0} {s.CpuSeconds,8:0.0} {s.Events,13:N0} {s.RecordsAcked,14:N0} {s.Batches,11:N0} {s.ManagedBytes / 1e6,11:0.0} {s.SimulatedSeconds / s.CpuSeconds,12:0.00} {s.Events / s.WallSeconds / 1e6,11:0.00} {s.CpuSeconds * 1e6 / Math.Max(1, s.Batches),9:0.0} {s.AllocatedBytes / (double)Math.Max(1, s.Batches),8:0}"));
        }
        output.WriteLine(string.Create(ci, $"peak working set {r.PeakWorkingSetBytes / 1e6:0} MB; fingerprint {r.Fingerprint}"));
        output.WriteLine(string.Create(ci, $"garbage collections gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}; paused {GC.GetTotalPauseDuration().TotalSeconds:0.00} s"));
    }
}
