using System.Globalization;
using ScottPlot;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// <c>search-&lt;metric&gt;.png</c>: the hockey stick of a capacity search. For each metric its SLA bounds,
/// the summary mean at every probe against the searched key's value (the offered load), one line per sweep
/// point; filled markers met the whole SLA, hollow ones broke it; the threshold is a dashed line and each
/// point's limit a dotted vertical. Flat, then steep near the limit, is how a saturating resource looks.
/// </summary>
internal static class SearchChart
{
    public static IReadOnlyList<PlotFile> DrawAll(ChartContext context, string directory)
    {
        if (context.Results.Search is not { } search || context.Results.Searches.Count == 0) return [];
        // Counts such as records_failed read poorly against load; a metric with a unit is the stick. With none, the first predicate's metric is drawn.
        var metrics = search.Sla.Where(t => MetricCatalog.Find(t.Metric)?.Unit.Length > 0).Select(t => t.Metric).Distinct().ToList();
        if (metrics.Count == 0) metrics.Add(search.Sla[0].Metric);
        return metrics.Select(m => Draw(context, directory, search, m)).OfType<PlotFile>().ToList();
    }

    private static PlotFile? Draw(ChartContext context, string directory, SearchDescription search, string metric)
    {
        var rows = context.Results.Summary.ToDictionary(r => r.PointId);
        var series = context.Results.Searches
            .Select(o => (Outcome: o, Points: o.Probes.Where(p => rows.ContainsKey(p.PointId))
                .Select(p => (p.X, Y: ChartContext.Mean(rows[p.PointId], metric), p.Passed)).Where(p => double.IsFinite(p.Y)).OrderBy(p => p.X).ToList()))
            .Where(s => s.Points.Count > 0).ToList();
        if (series.Count == 0) return null;
        var all = series.SelectMany(s => s.Points).ToList();
        var thresholds = search.Sla.Where(t => t.Metric == metric).Select(t => t.Threshold).ToList();
        bool logX = LogAxis.Wanted(all.Select(p => p.X));
        bool logY = LogAxis.Wanted(all.Select(p => p.Y).Concat(thresholds));
        double X(double v) => logX ? Math.Log10(v) : v;
        double Y(double v) => logY ? Math.Log10(Math.Max(v, 1e-9)) : v;

        var label = ChartContext.MetricLabel(metric);
        var keyLabel = search.Unit.Length > 0 ? $"{search.Key} ({search.Unit})" : search.Key;
        var title = context.Title($"{Capitalise(label)} vs offered load");
        var plot = ChartStyle.NewPlot(title, logX ? $"{keyLabel}, log scale" : keyLabel, logY ? $"{label}, log scale" : label);
        foreach (var threshold in thresholds)
        {
            var line = plot.Add.HorizontalLine(Y(threshold), 2, Colors.Black, LinePattern.Dashed);
            line.LegendText = $"SLA: {ResultsNumber(threshold)} {MetricCatalog.Find(metric)?.Unit}".TrimEnd();
        }
        foreach (var (s, i) in series.Select((s, i) => (s, i)))
        {
            var color = series.Count == 1 ? ChartStyle.ColorAt(0) : ChartStyle.ColorAt(i);
            var xs = s.Points.Select(p => X(p.X)).ToArray();
            var line = plot.Add.Scatter(xs, s.Points.Select(p => Y(p.Y)).ToArray(), color);
            line.LineWidth = ChartStyle.LineWidth;
            line.MarkerSize = 0;
            line.LegendText = context.PointLabel(s.Outcome.Architecture, s.Outcome.Parameters, except: search.Key);
            AddMarkers(plot, s.Points.Where(p => p.Passed).ToList(), X, Y, color, ChartStyle.ShapeAt(i % 5));
            AddMarkers(plot, s.Points.Where(p => !p.Passed).ToList(), X, Y, color, Hollow(ChartStyle.ShapeAt(i % 5)));
            if (double.IsFinite(s.Outcome.Limit) && s.Outcome.Verdict != SearchVerdict.MaxMeetsSla)
            {
                var limit = plot.Add.VerticalLine(X(s.Outcome.Limit), 2, color.WithOpacity(0.6), LinePattern.Dotted);
                limit.LegendText = "";
            }
        }
        Limits(plot, all.Select(p => p.X).ToList(), all.Select(p => p.Y).Concat(thresholds).ToList(), logX, logY);
        plot.ShowLegend(Edge.Right);
        return ChartStyle.Save(plot, directory, $"search-{FileNames.Slug(metric)}.png", title, Caption(context, search, label, logX, logY));
    }

    private static void AddMarkers(Plot plot, List<(double X, double Y, bool Passed)> points, Func<double, double> x, Func<double, double> y, Color color, MarkerShape shape)
    {
        if (points.Count == 0) return;
        var markers = plot.Add.Markers(points.Select(p => x(p.X)).ToArray(), points.Select(p => y(p.Y)).ToArray(), shape, ChartStyle.MarkerSize + 3, color);
        markers.LegendText = "";
    }

    private static MarkerShape Hollow(MarkerShape filled) => filled switch
    {
        MarkerShape.FilledSquare => MarkerShape.OpenSquare,
        MarkerShape.FilledTriangleUp => MarkerShape.OpenTriangleUp,
        MarkerShape.FilledDiamond => MarkerShape.OpenDiamond,
        MarkerShape.FilledTriangleDown => MarkerShape.OpenTriangleDown,
        _ => MarkerShape.OpenCircle,
    };

    private static void Limits(Plot plot, List<double> xs, List<double> ys, bool logX, bool logY)
    {
        if (logX)
        {
            LogAxis.Apply(plot.Axes.Bottom, xs.Min(), xs.Max());
            var (low, high) = LogAxis.Limits(xs.Min(), xs.Max());
            plot.Axes.SetLimitsX(low, high);
        }
        else
        {
            var pad = Math.Max((xs.Max() - xs.Min()) * 0.04, Math.Abs(xs.Max()) * 0.02 + 1e-9);
            plot.Axes.SetLimitsX(xs.Min() - pad, xs.Max() + pad);
        }
        if (logY)
        {
            var positive = ys.Where(v => v > 0).ToList();
            LogAxis.Apply(plot.Axes.Left, positive.Min(), positive.Max());
            var (low, high) = LogAxis.Limits(positive.Min(), positive.Max());
            plot.Axes.SetLimitsY(low, high);
        }
        else
        {
            var (low, high) = ChartStyle.FromZero(ys, 0.08);
            plot.Axes.SetLimitsY(low, high);
        }
    }

    private static string Caption(ChartContext context, SearchDescription search, string label, bool logX, bool logY)
    {
        var text = $"Summary mean of {label} at each probe of the capacity search over {search.Key}, {context.Results.Replications} replication(s) per probe; "
            + "one line per sweep point. Filled markers met every SLA predicate, hollow ones broke at least one; the dashed line is the SLA's threshold "
            + "and the dotted vertical each point's limit (the highest load found to meet the SLA).";
        if (logX) text += $" The {search.Key} axis is logarithmic.";
        if (logY) text += $" The {label} axis is logarithmic.";
        return text + context.KeyGlossary(except: search.Key);
    }

    private static string ResultsNumber(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
