using System.Globalization;
using System.Text;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// The report's capacity sections, apart from its summary and verdict: <c>## Monthly bill</c>, each sweep point's
/// bill per month at the load it ran (instances, storage, transfer), rows led by the point id, and <c>## Utilisation thresholds</c>, which
/// brokers went over the seed's thresholds (CPU 70 %, memory 80 %, disk 60 %, network 70 %), in how many of the
/// point's runs, and for how long after the warm-up.
/// </summary>
internal static class CapacityReport
{
    public static void Write(StringBuilder md, ExperimentResults results)
    {
        if (results.Summary.Count == 0) return;
        var keys = results.SweptKeys.Where(k => k != ChartContext.ArchitectureKey).ToList();
        WriteBill(md, results, keys);
        WriteThresholds(md, results, keys);
    }

    private static void WriteBill(StringBuilder md, ExperimentResults results, IReadOnlyList<string> keys)
    {
        md.Append("## Monthly bill\n\n")
          .Append("What each sweep point's deployment costs per 730-hour month at the load its runs measured (mean over replications): every broker and ")
          .Append("dedicated controller host for the month, log disks as provisioned, object storage for the remote tier, and the cross-zone and ")
          .Append("cross-region bytes per second measured after the warm-up carried on for the month, at the prices of `outputs.prices` (docs/cost.md).\n\n");
        var header = (string[])["point", "architecture", .. keys, .. MetricCatalog.Costs.Select(m => m.LabelWithUnit)];
        Table(md, header, keys.Count + 2, results.Summary.Select(row =>
            (string[])[Point(row.PointId), row.Architecture, .. keys.Select(k => ChartContext.ValueOf(row.Parameters, k) ?? ""),
                .. MetricCatalog.Costs.Select(m => ReportNumbers.Format(m.Name, ChartContext.Mean(row, m.Name)))]));
    }

    private static void WriteThresholds(StringBuilder md, ExperimentResults results, IReadOnlyList<string> keys)
    {
        md.Append("## Utilisation thresholds\n\n")
          .Append("The seed's limits for a sized broker are CPU 70 %, memory 80 %, disk 60 % and network 70 %. Per sweep point, each broker and ")
          .Append("resource whose utilisation over a time-series interval went above its limit after the warm-up: in how many of the point's runs, ")
          .Append("the seconds above it (mean over those runs) and the highest interval. Memory is the JVM heap plus dirty page cache; disk is how busy ")
          .Append("the log disks were (bytes over what they sustain); thresholds.csv has every run's rows.\n\n");
        var rows = new List<string[]>();
        foreach (var point in results.Runs.GroupBy(r => r.PointId).OrderBy(g => g.Key))
        {
            var runs = point.ToList();
            var summary = results.Summary.FirstOrDefault(s => s.PointId == point.Key);
            var values = keys.Select(k => summary is null ? "" : ChartContext.ValueOf(summary.Parameters, k) ?? "").ToArray();
            var crossings = runs.SelectMany(r => r.ThresholdCrossings)
                .GroupBy(c => (c.Cluster, c.Broker, c.Resource))
                .OrderBy(g => g.Key.Cluster, StringComparer.Ordinal).ThenBy(g => g.Key.Broker).ThenBy(g => g.Min(c => ResourceOrder(c.Resource)));
            foreach (var g in crossings)
            {
                var c = g.First();
                rows.Add([Point(point.Key), runs[0].Architecture, .. values, $"{c.Cluster} broker {c.Broker}", $"{c.Resource} > {Percent(c.Threshold)}",
                    $"{g.Count()} of {runs.Count}", g.Average(x => x.Seconds).ToString("0.#", CultureInfo.InvariantCulture), Percent(g.Max(x => x.Peak))]);
            }
        }
        if (rows.Count == 0)
        {
            md.Append("No broker went above a threshold in any run.\n\n");
            return;
        }
        Table(md, ["point", "architecture", .. keys, "broker", "threshold", "runs", "seconds above", "peak"], keys.Count + 4, rows);
    }

    private static string Point(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static int ResourceOrder(string resource) => resource switch
    {
        "cpu" => 0, "memory" => 1, "disk" => 2, "nic_in" => 3, _ => 4,
    };

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static void Table(StringBuilder md, IReadOnlyList<string> header, int textColumns, IEnumerable<IReadOnlyList<string>> rows)
    {
        md.Append("| ").Append(string.Join(" | ", header)).Append(" |\n|")
          .Append(string.Concat(header.Select((_, i) => i < textColumns ? " --- |" : " ---: |"))).Append('\n');
        foreach (var cells in rows) md.Append("| ").Append(string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");
        md.Append('\n');
    }
}
