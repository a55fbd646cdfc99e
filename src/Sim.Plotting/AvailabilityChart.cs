using System.Globalization;
using ScottPlot;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// <c>availability.png</c>: one bar per sweep point with the mean availability (acknowledged over
/// acknowledged plus failed records) and its 95% confidence interval as an error bar. Availabilities
/// crowd near 1, so the y axis is zoomed to the data (its lower end is stated in the caption) rather
/// than starting at 0, where every bar would look full.
/// </summary>
internal static class AvailabilityChart
{
    public const string FileName = "availability.png";
    private const string Metric = "availability";

    /// <summary>Below this many bars each tick label gets two lines (architecture, then swept values); above it labels are rotated.</summary>
    private const int MaxUnrotatedBars = 6;

    public static PlotFile? Draw(ChartContext context, string directory)
    {
        var rows = context.Results.Summary.Where(r => double.IsFinite(ChartContext.Mean(r, Metric))).ToList();
        if (rows.Count == 0) return null;

        var title = context.Title("Availability by sweep point");
        var plot = ChartStyle.NewPlot(title, "", "availability (acknowledged / attempted records)");
        var (low, high) = Limits(rows);

        var bars = new List<Bar>();
        for (var i = 0; i < rows.Count; i++)
        {
            var color = context.ColorOf(rows[i].Architecture);
            var mean = ChartContext.Mean(rows[i], Metric);
            bars.Add(new Bar
            {
                Position = i,
                Value = mean,
                ValueBase = low,
                Error = ChartContext.Ci95(rows[i], Metric),
                ErrorSize = 0.25,
                FillColor = color.WithOpacity(0.85),
                LineColor = color.Darken(0.3),
                LineWidth = 2.5f,
                Size = 0.7,
            });
        }
        plot.Add.Bars(bars);
        AddValueLabels(plot, bars);

        var width = Math.Max(ChartStyle.Width, 320 + rows.Count * 60);
        LabelBars(context, plot, rows);
        plot.Axes.SetLimits(-0.6, rows.Count - 0.4, low, high);
        AddLegend(context, plot, rows);
        return ChartStyle.Save(plot, directory, FileName, title, Caption(context, rows.Count, low), width, ChartStyle.Height);
    }

    /// <summary>Prints each mean above its error bar, where neither the bar nor the whisker can cover it.</summary>
    private static void AddValueLabels(Plot plot, List<Bar> bars)
    {
        foreach (var bar in bars)
        {
            var text = plot.Add.Text(ReportNumbers.Format(Metric, bar.Value), bar.Position, bar.Value + bar.Error);
            text.LabelFontSize = ChartStyle.AnnotationFontSize;
            text.LabelBold = true;
            text.LabelAlignment = Alignment.LowerCenter;
            text.OffsetY = -4;
            text.LabelBackgroundColor = Colors.White.WithOpacity(0.8);
        }
    }

    private static (double Low, double High) Limits(List<SummaryRow> rows)
    {
        var lowest = rows.Min(r => ChartContext.Mean(r, Metric) - ChartContext.Ci95(r, Metric));
        var highest = Math.Max(1, rows.Max(r => ChartContext.Mean(r, Metric) + ChartContext.Ci95(r, Metric)));

        // The axis shows a quarter more than the distance from the lowest bar to 1, and never less than
        // 0.0001, so 0.99990 and 0.99999 stay apart while a chart of perfect runs is not a sliver.
        var depth = Math.Max(1e-4, (highest - lowest) * 1.25);
        var low = Math.Max(0, highest - depth);
        return (low, highest + (highest - low) * 0.12);
    }

    private static void LabelBars(ChartContext context, Plot plot, List<SummaryRow> rows)
    {
        var rotated = rows.Count > MaxUnrotatedBars;
        var labels = rows.Select(r => context.PointLabel(r.Architecture, r.Parameters, rotated ? ", " : "\n")).ToArray();
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray(), labels);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = ChartStyle.AnnotationFontSize;
        if (rotated)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 40;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            var longest = labels.Max(l => l.Length);
            plot.Axes.Bottom.MinimumSize = longest * ChartStyle.AnnotationFontSize * 0.62f * 0.65f + 30;
        }
        plot.HideGrid();
        plot.Grid.YAxisStyle.IsVisible = true;
    }

    private static void AddLegend(ChartContext context, Plot plot, List<SummaryRow> rows)
    {
        plot.Legend.DisplayPlottableLegendItems = false;
        foreach (var architecture in context.Architectures.Where(a => rows.Any(r => r.Architecture == a)))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = architecture, FillColor = context.ColorOf(architecture) });
        }
        plot.ShowLegend(Edge.Right);
    }

    private static string Caption(ChartContext context, int drawn, double low)
    {
        var text = $"Mean availability of each sweep point over {context.Results.Replications} replication(s), with the 95% confidence interval as an error bar; "
            + $"the mean is printed above each bar. The y axis starts at {low.ToString("0.#####", CultureInfo.InvariantCulture)}, not at 0, so small differences near 1 show.";
        var missing = context.Results.Summary.Count - drawn;
        if (missing > 0) text += $" {missing} sweep point(s) without a measured availability are not drawn.";
        return text + context.KeyGlossary();
    }
}
