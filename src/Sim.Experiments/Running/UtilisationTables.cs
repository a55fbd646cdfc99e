using System.Globalization;
using Sim.Results;

namespace Sim.Experiments.Running;

/// <summary>
/// The per-broker utilisation tables of an output directory (docs/results.md): <c>timeseries/RUN.brokers.csv</c>,
/// one row per broker per time-series interval for each run that kept its time series, <c>timeseries/RUN.monitoring.csv</c>,
/// the seed's monitoring dashboard per interval (<see cref="MonitoringSample"/>), and <c>thresholds.csv</c>,
/// one row per broker and resource that went over the seed's utilisation thresholds in a run, with for how long.
/// Called after <see cref="ResultsWriter"/> has written the <c>timeseries</c> directory.
/// </summary>
public static class UtilisationTables
{
    public static void Write(ExperimentResults results, string directory)
    {
        var tsDir = Path.Combine(directory, "timeseries");
        foreach (var run in results.Runs)
        {
            if (run.BrokerTimeseries is not { Count: > 0 } samples) continue;
            AtomicFile.WriteAllText(Path.Combine(tsDir, run.RunId.ToString("D6", CultureInfo.InvariantCulture) + ".brokers.csv"), ResultsWriter.Csv(w =>
            {
                foreach (var h in (string[])["time_s", "cluster", "broker", "cpu_util", "memory_util", "nic_in_util", "nic_out_util", "disk_mbps", "disk_iops", "disk_util", "page_cache_hit_ratio"])
                    w.WriteField(h);
                w.EndRecord();
                foreach (var s in samples)
                {
                    w.WriteField(ResultsWriter.Number(s.TimeS));
                    w.WriteField(s.Cluster);
                    w.WriteField(ResultsWriter.Int(s.Broker));
                    foreach (var v in (double[])[s.Cpu, s.Memory, s.NicIn, s.NicOut, s.DiskMBps, s.DiskIops, s.Disk, s.PageCacheHitRatio]) w.WriteField(ResultsWriter.Number(v));
                    w.EndRecord();
                }
            }));
        }
        foreach (var run in results.Runs)
        {
            if (run.Monitoring is not { Count: > 0 } monitoring) continue;
            AtomicFile.WriteAllText(Path.Combine(tsDir, run.RunId.ToString("D6", CultureInfo.InvariantCulture) + ".monitoring.csv"), ResultsWriter.Csv(w =>
            {
                foreach (var h in MonitoringSample.Columns) w.WriteField(h);
                w.EndRecord();
                foreach (var s in monitoring)
                {
                    foreach (var v in s.Values) w.WriteField(ResultsWriter.Number(v));
                    w.EndRecord();
                }
            }));
        }
        AtomicFile.WriteAllText(Path.Combine(directory, "thresholds.csv"), ResultsWriter.Csv(w =>
        {
            foreach (var h in (string[])["run_id", "point_id", "architecture", "cluster", "broker", "resource", "threshold", "seconds_above", "peak"]) w.WriteField(h);
            w.EndRecord();
            foreach (var run in results.Runs)
            {
                foreach (var c in run.ThresholdCrossings)
                {
                    w.WriteField(ResultsWriter.Int(run.RunId));
                    w.WriteField(ResultsWriter.Int(run.PointId));
                    w.WriteField(run.Architecture);
                    w.WriteField(c.Cluster);
                    w.WriteField(ResultsWriter.Int(c.Broker));
                    w.WriteField(c.Resource);
                    w.WriteField(ResultsWriter.Number(c.Threshold));
                    w.WriteField(ResultsWriter.Number(c.Seconds));
                    w.WriteField(ResultsWriter.Number(c.Peak));
                    w.EndRecord();
                }
            }
        }));
    }
}
