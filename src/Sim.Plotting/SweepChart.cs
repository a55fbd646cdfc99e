using ScottPlot;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// <c>&lt;metric&gt;-vs-&lt;key&gt;.png</c>: how a key metric moves along a numeric swept key. One line per
/// architecture (and per combination of the other varying keys), through the summary mean of each sweep
/// point, with the 95% confidence interval as a shaded band. Keys whose values are not numbers are
/// categorical and get no line plot; the trade-off and availability charts still show them.
/// </summary>
internal static class SweepChart
{
    /// <summary>The metrics drawn against every numeric key, in the order their files are listed.</summary>
    public static readonly IReadOnlyList<string> Metrics =
        ["produce_latency_ms_p99", "acked_records_lost", "rto_s", "availability", "transfer_cost_usd"];

    /// <summary>The metrics that only a fault gives values to, not drawn for a fault-free study.</summary>
    private static readonly string[] FaultMetrics = ["acked_records_lost", "rto_s"];

    private sealed record Series(string Label, Color Color, MarkerShape Shape, LinePattern Pattern, List<(double X, double Mean, double Ci)> Points);

    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    public static IReadOnlyList<PlotFile> DrawAll(ChartContext context, string directory) =>
        Drawers(context, directory).Select(draw => draw()).OfType<PlotFile>().ToList();

    /// <summary>One drawer per chart <see cref="DrawAll"/> draws, in its order; each writes its own file, so they may run in parallel.</summary>
    public static IReadOnlyList<Func<PlotFile?>> Drawers(ChartContext context, string directory)
    {
        var files = new List<Func<PlotFile?>>();
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        // Loss and recovery are measured from the first fault: a fault-free study would draw flat zeros.
        var faulted = context.Results.Runs.Any(r => r.Faults.Count > 0);
        foreach (var key in context.Results.SweptKeys.Where(k => k != ChartContext.ArchitectureKey && !context.Followers.ContainsKey(k)))
        {
            var raw = context.Results.Summary.Select(r => ChartContext.ValueOf(r.Parameters, key)).OfType<string>().ToList();
            var numeric = NumericSweepKey.TryCreate(key, raw);

            // One distinct value draws a dot, not a line: nothing to read along the axis.
            if (numeric is null || raw.Distinct(StringComparer.Ordinal).Count() < 2) continue;

            var slug = FileNames.Slug(key);
            for (var n = 2; !slugs.Add(slug); n++) slug = $"{FileNames.Slug(key)}-{n}";
            foreach (var metric in Metrics.Where(m => faulted || !FaultMetrics.Contains(m)))
            {
                files.Add(() => Draw(context, directory, numeric, metric, slug));
            }
        }
        return files;
    }

    private static PlotFile? Draw(ChartContext context, string directory, NumericSweepKey key, string metric, string slug)
    {
        var series = SeriesOf(context, key, metric);
        if (series.Count == 0) return null;

        var all = series.SelectMany(s => s.Points).ToList();
        var logX = LogAxis.Wanted(all.Select(p => p.X));

        // Means spanning more than two decades (p99 of a stretched cluster against a local one) would flatten
        // the smaller lines on a linear axis. Availability lives near 1 and never needs a log axis.
        var logY = metric != "availability" && LogAxis.Wanted(all.Select(p => p.Mean));
        var metricLabel = ChartContext.MetricLabel(metric);
        var title = context.Title($"{Capitalise(metricLabel)} vs {key.Key}");
        // The axis names the key as the labels do (rtt, not network.links.a/b.rtt); the caption gives it in full.
        var axis = key.Unit.Length == 0 ? context.ShortKey(key.Key) : $"{context.ShortKey(key.Key)} ({key.Unit})";
        var plot = ChartStyle.NewPlot(title, logX ? $"{axis}, log scale" : axis, logY ? $"{metricLabel}, log scale" : metricLabel);
        var (yLow, yHigh) = YLimits(metric, all, logY);

        // A band is drawn as computed, even below zero for a quantity that cannot be negative: an interval crossing
        // zero says the replications cannot tell the mean from nothing, which a band cut at zero would hide. On a log
        // axis a band reaching zero goes to the bottom edge, past what the axis shows.
        double Y(double v) => logY ? (v > 0 ? Math.Log10(v) : yLow) : v;
        var crossesZero = !logY && all.Any(p => p.Mean - p.Ci < 0 && p.Mean >= 0);
        if (crossesZero)
        {
            var zero = plot.Add.HorizontalLine(0, 1, Colors.Black.WithOpacity(0.5));
            zero.LegendText = "";
        }
        foreach (var s in series)
        {
            var points = s.Points.Where(p => (!logX || p.X > 0) && (!logY || p.Mean > 0)).ToList();
            var x = points.Select(p => logX ? Math.Log10(p.X) : p.X).ToArray();
            if (points.Count >= 2 && points.Any(p => p.Ci > 0))
            {
                var band = plot.Add.FillY(x, points.Select(p => Y(p.Mean - p.Ci)).ToArray(), points.Select(p => Y(p.Mean + p.Ci)).ToArray());
                band.FillColor = s.Color.WithOpacity(ChartStyle.BandOpacity);
                band.LineWidth = 0;
                band.LegendText = "";
            }
            var line = plot.Add.Scatter(x, points.Select(p => Y(p.Mean)).ToArray(), s.Color);
            line.LineWidth = ChartStyle.LineWidth;
            line.LinePattern = s.Pattern;
            line.MarkerSize = ChartStyle.MarkerSize;
            line.MarkerShape = s.Shape;
            line.LegendText = s.Label;

            // A lone point has no band to draw, so its interval is shown as an error bar.
            if (points.Count == 1 && points[0].Ci > 0)
            {
                var mean = Y(points[0].Mean);
                var bar = new ScottPlot.Plottables.ErrorBar(x, [mean], null, null, [mean - Y(points[0].Mean - points[0].Ci)], [Y(points[0].Mean + points[0].Ci) - mean])
                {
                    Color = s.Color,
                    LineWidth = 2,
                };
                plot.Add.Plottable(bar);
            }
        }

        SetXLimits(plot, all.Select(p => p.X).ToList(), logX);
        if (logY) LogAxis.Apply(plot.Axes.Left, Math.Pow(10, yLow), Math.Pow(10, yHigh));
        plot.Axes.SetLimitsY(yLow, yHigh);
        plot.ShowLegend(Edge.Right);
        return ChartStyle.Save(plot, directory, $"{metric}-vs-{slug}.png", title, Caption(context, key, metricLabel, logX, logY, crossesZero));
    }

    private static List<Series> SeriesOf(ChartContext context, NumericSweepKey key, string metric)
    {
        var groups = context.Results.Summary
            .GroupBy(r => (r.Architecture, Others: context.ParameterLabel(r.Parameters, except: key.Key)))
            .ToList();

        // The colour always names the architecture, as in every other chart; the combination of the other
        // varying keys gets the line pattern and marker shape.
        var combinations = groups.Select(g => g.Key.Others).Distinct(StringComparer.Ordinal).ToList();
        var result = new List<Series>();
        foreach (var group in groups)
        {
            var points = group
                .Select(r => (X: key.ValueOf(ChartContext.ValueOf(r.Parameters, key.Key) ?? ""), Mean: ChartContext.Mean(r, metric), Ci: ChartContext.Ci95(r, metric)))
                .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Mean))
                .OrderBy(p => p.X)
                .ToList();
            if (points.Count == 0) continue;

            var (architecture, others) = (group.Key.Architecture, group.Key.Others);
            var combination = combinations.IndexOf(others);
            var shape = combinations.Count == 1 ? context.ShapeOf(architecture) : ChartStyle.ShapeAt(combination);
            var label = others.Length == 0 ? architecture : $"{architecture}, {others}";
            result.Add(new Series(label, context.ColorOf(architecture), shape, Patterns[combination % Patterns.Length], points));
        }
        return result;
    }

    private static void SetXLimits(Plot plot, List<double> xs, bool log)
    {
        if (log)
        {
            var positive = xs.Where(x => x > 0).ToList();
            LogAxis.Apply(plot.Axes.Bottom, positive.Min(), positive.Max());
            var (low, high) = LogAxis.Limits(positive.Min(), positive.Max());
            plot.Axes.SetLimitsX(low, high);
            return;
        }
        var span = xs.Max() - xs.Min();
        var pad = span > 0 ? span * 0.04 : Math.Max(1, Math.Abs(xs.Max()) * 0.1);
        plot.Axes.SetLimitsX(xs.Min() - pad, xs.Max() + pad);
    }

    /// <summary>The y limits, in log10 units when <paramref name="log"/>.</summary>
    private static (double Low, double High) YLimits(string metric, List<(double X, double Mean, double Ci)> points, bool log)
    {
        var lows = points.Select(p => p.Mean - p.Ci).ToList();
        var highs = points.Select(p => p.Mean + p.Ci).ToList();
        if (log)
        {
            return LogAxis.Limits(points.Min(p => p.Mean), highs.Max());
        }

        // Non-negative quantities start at zero so a rise reads at its true size. Availability crowds near 1,
        // where zero would flatten every line, so its axis spans the data instead.
        if (metric != "availability" && points.All(p => p.Mean >= 0))
        {
            return ChartStyle.FromZero(highs.Concat(lows), 0.08);
        }
        var bottom = lows.Min();
        var top = highs.Max();
        var margin = top > bottom ? (top - bottom) * 0.08 : Math.Max(Math.Abs(top) * 0.001, 1e-6);
        return (bottom - margin, top + margin);
    }

    private static string Caption(ChartContext context, NumericSweepKey key, string metricLabel, bool logX, bool logY, bool crossesZero)
    {
        var others = context.VaryingKeys.Where(k => k != key.Key).ToList();
        var text = $"Summary mean of {metricLabel} at each value of {key.Key}, over {context.Results.Replications} replication(s) per sweep point; "
            + "the shaded band is the 95% confidence interval (Student's t). One line per architecture";
        text += others.Count == 0 ? "." : $" (its colour) and combination of {string.Join(", ", others)} (line pattern and marker).";
        text += " Sweep points the runs could not measure are left out.";
        var followers = context.FollowersOf(key.Key);
        if (followers.Count > 0) text += $" {string.Join(", ", followers)} moved in lockstep with {key.Key}.";
        if (logX) text += $" The {key.Key} axis is logarithmic.";
        if (logY) text += $" The {metricLabel} axis is logarithmic; a band reaching the bottom edge extends below what it shows.";
        else if (crossesZero) text += " A band reaching below zero (the grey line) is an interval that includes zero: the replications cannot tell that mean from none.";
        return text + context.KeyGlossary(except: key.Key);
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
