using System.Globalization;
using ScottPlot;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// <c>tradeoff.png</c>: the RPO / RTO / latency trade-off, one marker per sweep point. x is the producer RTO,
/// y the RPO (or, when every point has an RPO of zero, the acknowledged records lost, which still tells
/// the points apart), the marker grows with produce latency p99 and its colour and shape name the
/// architecture. Lower left is better, smaller is faster.
/// </summary>
internal static class TradeoffChart
{
    public const string FileName = "tradeoff.png";
    private const float SmallestMarker = 14;
    private const float LargestMarker = 46;

    private sealed record Point(SummaryRow Row, double X, double Y, double P99);

    public static PlotFile? Draw(ChartContext context, string directory)
    {
        var summary = context.Results.Summary;
        var rpos = summary.Select(r => ChartContext.Mean(r, "rpo_s")).Where(double.IsFinite).ToList();
        var yMetric = rpos.Any(v => v != 0) ? "rpo_s" : "acked_records_lost";
        var points = summary
            .Select(r => new Point(r, ChartContext.Mean(r, "rto_s"), ChartContext.Mean(r, yMetric), ChartContext.Mean(r, "produce_latency_ms_p99")))
            .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y))
            .ToList();
        if (points.Count == 0) return null;

        var title = context.Title("RPO / RTO / latency trade-off");
        var plot = ChartStyle.NewPlot(title, ChartContext.MetricLabel("rto_s") + ", mean", ChartContext.MetricLabel(yMetric) + ", mean");
        var p99s = points.Select(p => p.P99).Where(double.IsFinite).ToList();
        var (p99Min, p99Max) = p99s.Count == 0 ? (double.NaN, double.NaN) : (p99s.Min(), p99s.Max());

        // Larger markers are drawn first so a small one is never hidden under a large one at the same spot.
        var sizes = points.Select(p => SizeOf(p.P99, p99Min, p99Max)).ToList();
        foreach (var i in Enumerable.Range(0, points.Count).OrderByDescending(i => sizes[i]).ThenBy(i => i))
        {
            var color = context.ColorOf(points[i].Row.Architecture);
            var marker = plot.Add.Marker(points[i].X, points[i].Y, context.ShapeOf(points[i].Row.Architecture), sizes[i], color);
            marker.MarkerFillColor = color.WithOpacity(0.75);
            marker.MarkerLineColor = color.Darken(0.3);
            marker.MarkerLineWidth = 2;
            marker.LegendText = "";
        }

        SetLimits(plot, points);
        AddLabels(context, plot, points, sizes);
        AddLegend(context, plot, points, p99Min, p99Max);
        return ChartStyle.Save(plot, directory, FileName, title, Caption(context, points, summary.Count, yMetric, p99Min, p99Max));
    }

    private static float SizeOf(double p99, double min, double max)
    {
        if (!double.IsFinite(p99)) return SmallestMarker;
        if (!(max > min)) return (SmallestMarker + LargestMarker) / 2;
        return SmallestMarker + (float)((p99 - min) / (max - min)) * (LargestMarker - SmallestMarker);
    }

    private static void SetLimits(Plot plot, List<Point> points)
    {
        static (double Low, double High) Range(IEnumerable<double> values)
        {
            var list = values.ToList();
            var low = Math.Min(0, list.Min());
            var high = list.Max();
            var span = high > low ? high - low : 1;

            // The low side leaves room for half the largest marker (the plot is about 650 px across either
            // way); the high side leaves room for the labels of the outermost markers.
            return (low - span * (LargestMarker / 2 + 4) / 650, Math.Max(high, low) + span * 0.2);
        }
        var (xLow, xHigh) = Range(points.Select(p => p.X));
        var (yLow, yHigh) = Range(points.Select(p => p.Y));
        plot.Axes.SetLimits(xLow, xHigh, yLow, yHigh);
    }

    private static void AddLabels(ChartContext context, Plot plot, List<Point> points, List<float> sizes)
    {
        // A first render fixes the layout, so labels are placed in the pixels they will actually occupy.
        ChartStyle.ApplyFont(plot);
        plot.RenderInMemory(ChartStyle.Width, ChartStyle.Height);
        var area = plot.LastRender.DataRect;
        var items = points.Select((p, i) => new LabelPlacer.Item(plot.GetPixel(new Coordinates(p.X, p.Y)), sizes[i] / 2, context.PointLabel(p.Row.Architecture, p.Row.Parameters))).ToList();
        var placements = LabelPlacer.Place(items, area, ChartStyle.AnnotationFontSize);
        for (var i = 0; i < points.Count; i++)
        {
            // A thin leader line ties each label to its marker: short when the label sits beside it, and
            // what tells the labels apart when neighbours pushed one further out.
            var offset = Math.Sqrt(placements[i].OffsetX * placements[i].OffsetX + placements[i].OffsetY * placements[i].OffsetY);
            if (offset > items[i].Radius)
            {
                var scale = (float)(items[i].Radius / offset);
                var from = plot.GetCoordinates(items[i].Center.X + placements[i].OffsetX * scale, items[i].Center.Y + placements[i].OffsetY * scale);
                var to = plot.GetCoordinates(items[i].Center.X + placements[i].OffsetX, items[i].Center.Y + placements[i].OffsetY);
                var leader = plot.Add.Line(from, to);
                leader.LineWidth = 1.5f;
                leader.LineColor = Colors.Gray;
                leader.LegendText = "";
            }
            var text = plot.Add.Text(items[i].Text, points[i].X, points[i].Y);
            text.LabelFontSize = ChartStyle.AnnotationFontSize;
            text.LabelFontColor = context.ColorOf(points[i].Row.Architecture).Darken(0.35);
            text.LabelBackgroundColor = Colors.White.WithOpacity(0.7);
            text.LabelAlignment = placements[i].Alignment;
            text.OffsetX = placements[i].OffsetX;
            text.OffsetY = placements[i].OffsetY;
        }
    }

    private static void AddLegend(ChartContext context, Plot plot, List<Point> points, double p99Min, double p99Max)
    {
        plot.Legend.DisplayPlottableLegendItems = false;
        foreach (var architecture in context.Architectures.Where(a => points.Any(p => p.Row.Architecture == a)))
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = architecture,
                MarkerStyle = new MarkerStyle(context.ShapeOf(architecture), 16, context.ColorOf(architecture)),
                LineWidth = 0,
            });
        }
        if (double.IsFinite(p99Min) && p99Max > p99Min)
        {
            plot.Legend.ManualItems.Add(SizeItem($"p99 {Number(p99Min)} ms (smallest)", SmallestMarker));
            plot.Legend.ManualItems.Add(SizeItem($"p99 {Number(p99Max)} ms (largest)", LargestMarker * 0.6f));
        }
        plot.ShowLegend(Edge.Right);
    }

    private static LegendItem SizeItem(string label, float size) => new()
    {
        LabelText = label,
        MarkerStyle = new MarkerStyle(MarkerShape.OpenCircle, size, Colors.Gray) { LineWidth = 2 },
        LineWidth = 0,
    };

    private static string Caption(ChartContext context, List<Point> points, int rows, string yMetric, double p99Min, double p99Max)
    {
        var y = yMetric == "rpo_s"
            ? "y = RPO mean (s)"
            : "y = acknowledged records lost (mean), because every sweep point had an RPO of 0 s or none measured";
        var text = $"One marker per sweep point, at the mean over its replications: x = producer RTO mean (s), {y}. "
            + "Colour and shape give the architecture; the label adds the swept values that set the point apart. ";
        text += double.IsFinite(p99Min) && p99Max > p99Min
            ? $"Marker diameter grows linearly with produce latency p99 mean, from {Number(SmallestMarker)} px at {Number(p99Min)} ms to {Number(LargestMarker)} px at {Number(p99Max)} ms (the legend shows the two ends, the largest drawn smaller). "
            : "Every point has the same produce latency p99 (or none), so markers share one size. ";
        text += "Lower left is better: faster recovery and less data lost.";
        if (points.Count < rows) text += $" {rows - points.Count} sweep point(s) without an RTO or {(yMetric == "rpo_s" ? "RPO" : "loss count")} are not drawn.";
        return text + context.KeyGlossary();
    }

    // Whole numbers print without a decimal, small ones with one, large ones rounded: what a caption needs.
    private static string Number(double value) => value.ToString(value >= 100 || value == Math.Round(value) ? "0" : "0.0", CultureInfo.InvariantCulture);
}
