using System.Globalization;
using ScottPlot;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// <c>latency-cdf.png</c>: the produce-latency distribution as small multiples, one panel per sweep point of the
/// keys other than the architecture (so a 2 ms and a 40 ms RTT are never averaged into one curve), one line per
/// architecture in each panel: the mean over that point's replications of the latency at each reported percentile.
/// The percentile axis is in "nines", as HdrHistogram plots are (90, 99, 99.9, 99.99 equally spaced), so the tail
/// is not squashed against 100%; the latency axis is logarithmic when the panels span more than two decades and
/// shared by every panel so they compare at a glance. The 100th percentile (the maximum) has no place on a nines
/// axis and is left out; runs.csv has it.
/// </summary>
internal static class LatencyCdfChart
{
    public const string FileName = "latency-cdf.png";

    private const float PanelHeight = 420;
    private static readonly PixelPadding Padding = new(110, 40, 70, 50);

    private sealed record Curve(string Architecture, int Runs, double[] LatencyMs, double[] Nines);

    private sealed record PanelData(string Label, List<Curve> Curves);

    public static PlotFile? Draw(ChartContext context, string directory)
    {
        var panels = context.Results.Runs.Where(r => r.LatencyCdf.Count > 0)
            .GroupBy(r => context.ParameterLabel(r.Parameters))
            .Select(g => new PanelData(g.Key, context.Architectures.Select(a => CurveOf(g.Where(r => r.Architecture == a).ToList(), a)).OfType<Curve>().ToList()))
            .Where(p => p.Curves.Count > 0)
            .ToList();
        if (panels.Count == 0) return null;

        var latencies = panels.SelectMany(p => p.Curves).SelectMany(c => c.LatencyMs).ToList();
        var log = LogAxis.Wanted(latencies);
        var positive = latencies.Where(v => v > 0).DefaultIfEmpty(1).ToList();
        var (yLow, yHigh) = log ? LogAxis.Limits(positive.Min(), positive.Max()) : ChartStyle.FromZero(latencies, 0.08);
        var maxNines = panels.SelectMany(p => p.Curves).SelectMany(c => c.Nines).Max();
        var columns = panels.Count <= 3 ? 1 : panels.Count <= 12 ? 2 : 3;
        var title = context.Title("Produce latency distribution per sweep point");
        var drawn = new List<PanelStack.Panel>();
        for (var i = 0; i < panels.Count; i++)
        {
            // Each panel is headed by its sweep values only; the report's heading carries the chart's title.
            var heading = panels[i].Label.Length == 0 ? title : panels[i].Label;
            var plot = PanelPlot(context, panels[i], log, positive, (yLow, yHigh), maxNines, legend: i == 0);
            drawn.Add(new PanelStack.Panel(plot, PanelHeight, Padding, heading));
        }
        PanelStack.Save(drawn, columns == 1 ? ChartStyle.Width : columns * 900, Path.Combine(directory, FileName), columns);
        return new PlotFile(FileName, title, Caption(context, panels.Count, log));
    }

    private static Plot PanelPlot(ChartContext context, PanelData panel, bool log, List<double> positive, (double Low, double High) y, double maxNines, bool legend)
    {
        var plot = ChartStyle.NewPlot("", "percentile of acknowledged requests", log ? "produce latency (ms, log scale)" : "produce latency (ms)");
        foreach (var curve in panel.Curves)
        {
            // A log axis cannot place a zero latency; such a point is dropped rather than drawn at a fake position.
            var points = curve.Nines.Zip(curve.LatencyMs).Where(p => !log || p.Second > 0).ToArray();
            var line = plot.Add.ScatterLine(points.Select(p => p.First).ToArray(), points.Select(p => log ? Math.Log10(p.Second) : p.Second).ToArray(), context.ColorOf(curve.Architecture));
            line.LineWidth = ChartStyle.LineWidth;
            line.MarkerShape = context.ShapeOf(curve.Architecture);
            line.MarkerSize = 7;
            line.LegendText = curve.Runs == 1 ? curve.Architecture : $"{curve.Architecture} (mean of {curve.Runs} runs)";
        }
        NinesAxis(plot.Axes.Bottom, maxNines);
        if (log) LogAxis.Apply(plot.Axes.Left, positive.Min(), positive.Max());
        plot.Axes.SetLimits(-0.05, Math.Ceiling(maxNines) + 0.05, y.Low, y.High);
        if (legend) plot.ShowLegend(Alignment.UpperLeft);
        else plot.HideLegend();
        return plot;
    }

    /// <summary>Ticks at 0, 50, 90, 99, 99.9 ... up to the deepest percentile drawn, on an axis of -log10(1 - p).</summary>
    private static void NinesAxis(IAxis axis, double maxNines)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        ticks.AddMajor(0, "0");
        ticks.AddMajor(Nines(50), "50");
        for (var n = 1; n <= Math.Ceiling(maxNines); n++)
            ticks.AddMajor(n, (100 - 100 * Math.Pow(10, -n)).ToString("0.######", CultureInfo.InvariantCulture));
        axis.TickGenerator = ticks;
    }

    /// <summary>The position of percentile <paramref name="p"/> on the nines axis: 90 is 1, 99 is 2, 99.9 is 3.</summary>
    public static double Nines(double p) => -Math.Log10(1 - p / 100);

    private static Curve? CurveOf(List<RunRecord> runs, string architecture)
    {
        if (runs.Count == 0) return null;
        var latencies = new List<double>();
        var nines = new List<double>();
        foreach (var percentile in runs[0].LatencyCdf.Select(p => p.Percentile))
        {
            if (!double.IsFinite(percentile) || percentile >= 100 || percentile < 0) continue;

            // Runs are matched by percentile, not by position, so a run that reported a shorter list does not shift the others.
            var values = runs
                .Select(r => r.LatencyCdf.FirstOrDefault(p => p.Percentile == percentile)?.LatencyMs ?? double.NaN)
                .Where(double.IsFinite)
                .ToList();
            if (values.Count == 0) continue;
            latencies.Add(values.Average());
            nines.Add(Nines(percentile));
        }
        return latencies.Count == 0 ? null : new Curve(architecture, runs.Count, [.. latencies], [.. nines]);
    }

    private static string Caption(ChartContext context, int panels, bool log)
    {
        var text = "Produce latency (send to acknowledgement) against its percentile, one panel per sweep point"
            + (panels == 1 ? "" : $" ({panels} panels, sharing one latency axis)")
            + ", one line per architecture: the mean over the point's replications of the latency at each reported percentile. "
            + "The percentile axis is in nines (0, 90, 99, 99.9, ... equally spaced), as HdrHistogram plots are, so the tail reads as clearly as the median; "
            + "the maximum (100th percentile) is in runs.csv.";
        if (log) text += " The latency axis is logarithmic.";
        return text + context.KeyGlossary();
    }
}
