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
        WriteTable(path, ReplicaAtEnd.Columns, replicas, (w, r) =>
        {
            w.WriteField(r.Cluster);
            w.WriteField(r.Topic);
            foreach (var v in (long[])[r.Partition, r.Broker]) w.WriteField(ResultsWriter.Long(v));
            w.WriteField(r.Role);
            w.WriteField(r.InIsr ? "true" : "false");
            w.WriteField(r.Online ? "true" : "false");
            foreach (var v in (long[])[r.LogStartOffset, r.LogEndOffset, r.HighWatermark, r.LeaderEpoch]) w.WriteField(ResultsWriter.Long(v));
        });

    private static void WriteDeliveries(string path, IReadOnlyList<PartitionDelivery> deliveries) =>
        WriteTable(path, PartitionDelivery.Columns, deliveries, (w, d) =>
        {
            foreach (var f in (string[])[d.Group, d.Cluster, d.Topic]) w.WriteField(f);
            foreach (var v in (long[])[d.Partition, d.Records, d.Duplicates, d.Skipped]) w.WriteField(ResultsWriter.Long(v));
        });

    private static void WriteConsumers(string path, IReadOnlyList<ConsumerAtEnd> consumers) =>
        WriteTable(path, ConsumerAtEnd.Columns, consumers, (w, c) =>
        {
            foreach (var f in (string[])[c.Cluster, c.Group, c.Consumer, c.Topic]) w.WriteField(f);
            foreach (var v in (long[])[c.Partition, c.Position, c.FetchingFrom, c.PreferredReadReplica]) w.WriteField(ResultsWriter.Long(v));
        });

    /// <summary>A header row of <paramref name="columns"/>, then one record per row as <paramref name="fields"/> writes it.</summary>
    private static void WriteTable<T>(string path, IReadOnlyList<string> columns, IReadOnlyList<T> rows, Action<CsvHelper.CsvWriter, T> fields) =>
        AtomicFile.WriteAllText(path, ResultsWriter.Csv(w =>
        {
            foreach (var h in columns) w.WriteField(h);
            w.EndRecord();
            foreach (var r in rows)
            {
                fields(w, r);
                w.EndRecord();
            }
        }));
}
