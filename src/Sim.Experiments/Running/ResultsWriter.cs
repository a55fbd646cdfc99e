using System.Globalization;
using System.Text;
using CsvHelper;
using Sim.Results;

namespace Sim.Experiments.Running;

/// <summary>
/// Writes the tables of an output directory (docs/results.md is their contract): <c>runs.csv</c>,
/// <c>summary.csv</c>, <c>faults.csv</c>, <c>timeseries/RUN.csv</c>, the per-broker utilisation tables (<see cref="UtilisationTables"/>) and, for a capacity search, <c>search.csv</c>. Numbers are written in the
/// invariant culture with at most six decimals and NaN as an empty cell, so identical results are
/// identical bytes. Every file is written atomically.
/// </summary>
public static class ResultsWriter
{
    public static void WriteTables(ExperimentResults results, string directory)
    {
        var swept = results.SweptKeys.Where(k => k != "architecture").ToList();
        WriteRuns(results, swept, directory);
        WriteSummary(results, swept, directory);
        WriteFaults(results, directory);
        WriteTimeseries(results, directory);
        UtilisationTables.Write(results, directory);
        PartitionTable.Write(results, Path.Combine(directory, "timeseries"));
        if (results.Search is not null) SearchTable.Write(results, directory);
    }

    private static void WriteRuns(ExperimentResults results, IReadOnlyList<string> swept, string directory) =>
        AtomicFile.WriteAllText(Path.Combine(directory, "runs.csv"), Csv(w =>
        {
            foreach (var h in (string[])["run_id", "point_id", "replication", "seed", "architecture", .. swept, .. MetricCatalog.All.Select(m => m.Name)]) w.WriteField(h);
            w.EndRecord();
            foreach (var run in results.Runs)
            {
                w.WriteField(Int(run.RunId));
                w.WriteField(Int(run.PointId));
                w.WriteField(Int(run.Replication));
                w.WriteField(run.Seed.ToString(CultureInfo.InvariantCulture));
                w.WriteField(run.Architecture);
                foreach (var k in swept) w.WriteField(run.Parameters.FirstOrDefault(p => p.Key == k)?.Value ?? "");
                foreach (var m in MetricCatalog.All) w.WriteField(Number(run.Metric(m.Name)));
                w.EndRecord();
            }
        }));

    private static void WriteSummary(ExperimentResults results, IReadOnlyList<string> swept, string directory) =>
        AtomicFile.WriteAllText(Path.Combine(directory, "summary.csv"), Csv(w =>
        {
            foreach (var h in (string[])["point_id", "architecture", .. swept, "replications", .. MetricCatalog.All.SelectMany(m => (string[])[m.Name + "_mean", m.Name + "_ci95"])]) w.WriteField(h);
            w.EndRecord();
            foreach (var row in results.Summary)
            {
                w.WriteField(Int(row.PointId));
                w.WriteField(row.Architecture);
                foreach (var k in swept) w.WriteField(row.Parameters.FirstOrDefault(p => p.Key == k)?.Value ?? "");
                w.WriteField(Int(row.Replications));
                foreach (var m in MetricCatalog.All)
                {
                    var s = row.Metric(m.Name);
                    w.WriteField(Number(s?.Mean ?? double.NaN));
                    w.WriteField(Number(s?.Ci95 ?? double.NaN));
                }
                w.EndRecord();
            }
        }));

    private static void WriteFaults(ExperimentResults results, string directory) =>
        AtomicFile.WriteAllText(Path.Combine(directory, "faults.csv"), Csv(w =>
        {
            foreach (var h in (string[])["run_id", "kind", "target", "start_s", "end_s", "horizon_start_s", "horizon_end_s"]) w.WriteField(h);
            w.EndRecord();
            foreach (var run in results.Runs)
            {
                foreach (var f in run.Faults)
                {
                    w.WriteField(Int(run.RunId));
                    w.WriteField(f.Kind);
                    w.WriteField(f.Target);
                    w.WriteField(Number(f.StartS));
                    w.WriteField(f.EndS is { } e ? Number(e) : "");
                    w.WriteField(Number(f.OnHorizonStartS));
                    w.WriteField(f.OnHorizonEndS is { } he ? Number(he) : "");
                    w.EndRecord();
                }
            }
        }));

    private static void WriteTimeseries(ExperimentResults results, string directory)
    {
        var tsDir = Path.Combine(directory, "timeseries");
        if (Directory.Exists(tsDir)) Directory.Delete(tsDir, recursive: true);
        foreach (var run in results.Runs)
        {
            if (run.Timeseries is not { } ts) continue;
            AtomicFile.WriteAllText(Path.Combine(tsDir, run.RunId.ToString("D6", CultureInfo.InvariantCulture) + ".csv"), Csv(w =>
            {
                foreach (var h in (string[])["time_s", "produced", "acked", "failed", "consumed", "under_replicated", "offline", "mean_isr_size", "elections", "mirror_lag_ms", "active_faults", "storage_used_max"]) w.WriteField(h);
                w.EndRecord();
                foreach (var p in ts)
                {
                    w.WriteField(Number(p.TimeS));
                    w.WriteField(Long(p.Produced));
                    w.WriteField(Long(p.Acked));
                    w.WriteField(Long(p.Failed));
                    w.WriteField(Long(p.Consumed));
                    w.WriteField(Int(p.UnderReplicated));
                    w.WriteField(Int(p.Offline));
                    w.WriteField(Number(p.MeanIsrSize));
                    w.WriteField(Int(p.Elections));
                    w.WriteField(Number(p.MirrorLagMs));
                    w.WriteField(Int(p.ActiveFaults));
                    w.WriteField(Number(p.StorageUsedMax));
                    w.EndRecord();
                }
            }));
        }
    }

    /// <summary>A number as it appears in the tables: invariant culture, at most six decimals, NaN as an empty cell.</summary>
    public static string Number(double v) =>
        double.IsNaN(v) ? "" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf" : Unsigned((v + 0.0).ToString("0.######", CultureInfo.InvariantCulture));

    // A value that rounds to zero from below would read "-0".
    private static string Unsigned(string text) => text == "-0" ? "0" : text;

    internal static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    internal static string Long(long v) => v.ToString(CultureInfo.InvariantCulture);

    internal static string Csv(Action<CsvWriter> write)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var options = CsvWriterOptions.Default with { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture };
        using (var csv = CsvWriter.Create(text, options, true))
        {
            write(csv);
            csv.Flush();
        }
        return text.ToString();
    }
}
