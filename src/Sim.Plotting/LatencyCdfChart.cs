using ScottPlot;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// <c>latency-cdf.png</c>: the produce-latency distribution of each architecture as one line, x = latency,
/// y = percentile. A line is the mean, over the architecture's runs, of the latency at each percentile
/// (every run reports the same percentiles), so sweep points of one architecture are pooled.
/// </summary>
internal static class LatencyCdfChart
{
    public const string FileName = "latency-cdf.png";

    private sealed record Curve(string Architecture, int Runs, double[] LatencyMs, double[] Percentiles);

    public static PlotFile? Draw(ChartContext context, string directory)
    {
        var curves = context.Architectures.Select(a => CurveOf(context.Results, a)).OfType<Curve>().ToList();
        if (curves.Count == 0) return null;

        var latencies = curves.SelectMany(c => c.LatencyMs).ToList();
        var log = LogAxis.Wanted(latencies);
        var title = context.Title("Produce latency distribution by architecture");
        var plot = ChartStyle.NewPlot(title, log ? "produce latency (ms, log scale)" : "produce latency (ms)", "percentile of acknowledged requests (%)");

        foreach (var curve in curves)
        {
            // A log axis cannot place a zero latency; such a point is dropped rather than drawn at a fake position.
            var points = curve.LatencyMs.Zip(curve.Percentiles)
                .Where(p => !log || p.First > 0)
                .Select(p => (X: log ? Math.Log10(p.First) : p.First, Y: p.Second))
                .ToArray();
            var line = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), context.ColorOf(curve.Architecture));
            line.LineWidth = ChartStyle.LineWidth;
            line.MarkerShape = context.ShapeOf(curve.Architecture);
            line.MarkerSize = points.Length <= 40 ? 8 : 0;
            line.LegendText = curve.Runs == 1 ? curve.Architecture : $"{curve.Architecture} (mean of {curve.Runs} runs)";
        }

        var positive = latencies.Where(v => v > 0).ToList();
        if (log)
        {
            LogAxis.Apply(plot.Axes.Bottom, positive.Min(), positive.Max());
            var (low, high) = LogAxis.Limits(positive.Min(), positive.Max());
            plot.Axes.SetLimitsX(low, high);
        }
        else
        {
            var max = latencies.Max();
            plot.Axes.SetLimitsX(0, max > 0 ? max * 1.05 : 1);
        }
        plot.Axes.SetLimitsY(-2, 102);
        plot.Axes.Left.SetTicks([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], ["0", "10", "20", "30", "40", "50", "60", "70", "80", "90", "100"]);
        plot.ShowLegend(Alignment.LowerRight);

        return ChartStyle.Save(plot, directory, FileName, title, Caption(context, curves, log));
    }

    private static Curve? CurveOf(ExperimentResults results, string architecture)
    {
        var runs = results.Runs.Where(r => r.Architecture == architecture && r.LatencyCdf.Count > 0).ToList();
        if (runs.Count == 0) return null;

        var latencies = new List<double>();
        var percentiles = new List<double>();
        foreach (var percentile in runs[0].LatencyCdf.Select(p => p.Percentile))
        {
            // Runs are matched by percentile, not by position, so a run that reported a shorter list does not shift the others.
            var values = runs
                .Select(r => r.LatencyCdf.FirstOrDefault(p => p.Percentile == percentile)?.LatencyMs ?? double.NaN)
                .Where(double.IsFinite)
                .ToList();
            if (values.Count == 0 || !double.IsFinite(percentile)) continue;
            latencies.Add(values.Average());
            percentiles.Add(percentile);
        }
        return latencies.Count == 0 ? null : new Curve(architecture, runs.Count, [.. latencies], [.. percentiles]);
    }

    private static string Caption(ChartContext context, List<Curve> curves, bool log)
    {
        var pooled = curves.Any(c => context.Results.Runs
            .Where(r => r.Architecture == c.Architecture)
            .Select(r => r.PointId)
            .Distinct()
            .Count() > 1);
        var text = "Produce latency (send to acknowledgement) per architecture: each line is the mean, over that architecture's runs, "
            + "of the latency at each reported percentile.";
        if (pooled) text += " Every sweep point of an architecture is pooled into its one line; the p99 of each sweep point is in the summary table.";
        if (log) text += " The latency axis is logarithmic.";
        return text;
    }
}
