using System.Globalization;
using Sim.Results;

namespace Sim.Experiments.Running;

/// <summary>
/// The end-of-run tables of each run that kept its time series (docs/results.md): <c>timeseries/RUN.partitions.csv</c>,
/// every replica's role, ISR membership and offsets (<see cref="ReplicaAtEnd"/>); <c>RUN.deliveries.csv</c>, each
/// consumer group's records, duplicates and skips per partition (<see cref="PartitionDelivery"/>); and
/// <c>RUN.consumers.csv</c>, each application consumer's partitions with the broker it fetches from and its preferred
/// read replica (<see cref="ConsumerAtEnd"/>). Called after <see cref="ResultsWriter"/> has written the <c>timeseries</c> directory.
/// </summary>
public static class PartitionTable
{
    public static void Write(ExperimentResults results, string tsDir)
    {
        foreach (var run in results.Runs)
        {
            string stem = Path.Combine(tsDir, run.RunId.ToString("D6", CultureInfo.InvariantCulture));
            if (run.ReplicasAtEnd is { Count: > 0 } replicas) WriteReplicas(stem + ".partitions.csv", replicas);
            if (run.PartitionDeliveries is { Count: > 0 } deliveries) WriteDeliveries(stem + ".deliveries.csv", deliveries);
            if (run.ConsumersAtEnd is { Count: > 0 } consumers) WriteConsumers(stem + ".consumers.csv", consumers);
        }
    }

    private static void WriteReplicas(string path, IReadOnlyList<ReplicaAtEnd> replicas) =>
        AtomicFile.WriteAllText(path, ResultsWriter.Csv(w =>
        {
            foreach (var h in ReplicaAtEnd.Columns) w.WriteField(h);
            w.EndRecord();
            foreach (var r in replicas)
            {
                w.WriteField(r.Cluster);
                w.WriteField(r.Topic);
                foreach (var v in (long[])[r.Partition, r.Broker]) w.WriteField(ResultsWriter.Long(v));
                w.WriteField(r.Role);
                w.WriteField(r.InIsr ? "true" : "false");
                w.WriteField(r.Online ? "true" : "false");
                foreach (var v in (long[])[r.LogStartOffset, r.LogEndOffset, r.HighWatermark, r.LeaderEpoch]) w.WriteField(ResultsWriter.Long(v));
                w.EndRecord();
            }
        }));

    private static void WriteDeliveries(string path, IReadOnlyList<PartitionDelivery> deliveries) =>
        AtomicFile.WriteAllText(path, ResultsWriter.Csv(w =>
        {
            foreach (var h in PartitionDelivery.Columns) w.WriteField(h);
            w.EndRecord();
            foreach (var d in deliveries)
            {
                w.WriteField(d.Group);
                w.WriteField(d.Cluster);
                w.WriteField(d.Topic);
                foreach (var v in (long[])[d.Partition, d.Records, d.Duplicates, d.Skipped]) w.WriteField(ResultsWriter.Long(v));
                w.EndRecord();
            }
        }));

    private static void WriteConsumers(string path, IReadOnlyList<ConsumerAtEnd> consumers) =>
        AtomicFile.WriteAllText(path, ResultsWriter.Csv(w =>
        {
            foreach (var h in ConsumerAtEnd.Columns) w.WriteField(h);
            w.EndRecord();
            foreach (var c in consumers)
            {
                w.WriteField(c.Cluster);
                w.WriteField(c.Group);
                w.WriteField(c.Consumer);
                w.WriteField(c.Topic);
                foreach (var v in (long[])[c.Partition, c.Position, c.FetchingFrom, c.PreferredReadReplica]) w.WriteField(ResultsWriter.Long(v));
                w.EndRecord();
            }
        }));
}
