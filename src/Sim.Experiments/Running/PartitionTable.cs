using System.Globalization;
using Sim.Results;

namespace Sim.Experiments.Running;

/// <summary>
/// <c>timeseries/RUN.partitions.csv</c>: every replica's role, ISR membership and offsets at the end of each run that kept its
/// time series (<see cref="ReplicaAtEnd"/>, docs/results.md). Called after <see cref="ResultsWriter"/> has written the <c>timeseries</c> directory.
/// </summary>
public static class PartitionTable
{
    public static void Write(ExperimentResults results, string tsDir)
    {
        foreach (var run in results.Runs)
        {
            if (run.ReplicasAtEnd is not { Count: > 0 } replicas) continue;
            AtomicFile.WriteAllText(Path.Combine(tsDir, run.RunId.ToString("D6", CultureInfo.InvariantCulture) + ".partitions.csv"), ResultsWriter.Csv(w =>
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
        }
    }
}
