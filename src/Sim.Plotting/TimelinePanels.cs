using ScottPlot;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// The three panels of the failure timeline, each a plot over the same time axis: records acknowledged
/// and failed per interval; under-replicated and offline partitions with the mean ISR size; leader
/// elections per interval with MirrorMaker 2 lag when the run had any. Every series is drawn as sampled,
/// one point per time-series interval; NaN samples (a quantity the run could not measure then) are skipped.
/// </summary>
internal static class TimelinePanels
{
    private static readonly Color Acked = Color.FromHex("#0072B2");
    private static readonly Color Failed = Color.FromHex("#D55E00");
    private static readonly Color UnderReplicated = Color.FromHex("#E69F00");
    private static readonly Color Offline = Color.FromHex("#D55E00");
    private static readonly Color Isr = Color.FromHex("#009E73");
    private static readonly Color Elections = Color.FromHex("#CC79A7");
    private static readonly Color MirrorLag = Color.FromHex("#000000");

    public static Plot Throughput(IReadOnlyList<TimeseriesPoint> series, double interval)
    {
        var plot = NewPanel($"records per {Seconds(interval)} interval");
        AddLine(plot, series, p => p.Acked, "acknowledged", Acked, plot.Axes.Left);
        AddLine(plot, series, p => p.Failed, "failed", Failed, plot.Axes.Left);
        SetLimitsFromZero(plot, plot.Axes.Left, series.SelectMany(p => new double[] { p.Acked, p.Failed }));
        return plot;
    }

    public static Plot Partitions(IReadOnlyList<TimeseriesPoint> series)
    {
        var plot = NewPanel("partitions");
        AddLine(plot, series, p => p.UnderReplicated, "under-replicated", UnderReplicated, plot.Axes.Left);
        var offline = AddLine(plot, series, p => p.Offline, "offline", Offline, plot.Axes.Left);
        offline.LinePattern = LinePattern.Dashed;
        SetLimitsFromZero(plot, plot.Axes.Left, series.SelectMany(p => new double[] { p.UnderReplicated, p.Offline }));

        var isr = AddLine(plot, series, p => p.MeanIsrSize, "mean ISR size (right axis)", Isr, plot.Axes.Right);
        isr.LinePattern = LinePattern.DenselyDashed;
        plot.Axes.Right.Label.Text = "mean ISR size";
        SetLimitsFromZero(plot, plot.Axes.Right, series.Select(p => p.MeanIsrSize));
        return plot;
    }

    public static Plot ElectionsAndLag(IReadOnlyList<TimeseriesPoint> series, double interval)
    {
        var plot = NewPanel("leader elections");
        var bars = series.Where(p => p.Elections > 0).Select(p => new Bar
        {
            Position = p.TimeS,
            Value = p.Elections,
            Size = interval * 0.8,
            FillColor = Elections,
            LineWidth = 0,
        }).ToList();
        if (bars.Count > 0)
        {
            plot.Add.Bars(bars);
        }

        // Bars carry no legend entry of their own, so one marker-only item stands for them.
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "leader elections per interval", FillColor = Elections });
        SetLimitsFromZero(plot, plot.Axes.Left, series.Select(p => (double)p.Elections));
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

        if (series.Any(p => double.IsFinite(p.MirrorLagMs) && p.MirrorLagMs != 0))
        {
            AddLine(plot, series, p => p.MirrorLagMs, "MirrorMaker 2 lag (right axis)", MirrorLag, plot.Axes.Right);
            plot.Axes.Right.Label.Text = "MirrorMaker 2 lag (ms)";
            SetLimitsFromZero(plot, plot.Axes.Right, series.Select(p => p.MirrorLagMs));
        }
        return plot;
    }

    internal static Plot NewPanel(string yLabel)
    {
        var plot = ChartStyle.NewPlot("", "", yLabel);
        plot.Axes.Title.IsVisible = false;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static ScottPlot.Plottables.Scatter AddLine(Plot plot, IReadOnlyList<TimeseriesPoint> series, Func<TimeseriesPoint, double> value, string label, Color color, IYAxis axis)
    {
        var points = series.Select(p => (X: p.TimeS, Y: value(p))).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var line = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), color);
        line.LineWidth = ChartStyle.LineWidth;
        line.LegendText = label;
        line.Axes.YAxis = axis;
        return line;
    }

    /// <summary>Counts start at zero; the top leaves a third of the panel free for the legend and the fault labels.</summary>
    private static void SetLimitsFromZero(Plot plot, IYAxis axis, IEnumerable<double> values)
    {
        var (low, high) = ChartStyle.FromZero(values, 0.45);
        plot.Axes.SetLimitsY(low, high, axis);
    }

    private static string Seconds(double interval) => interval.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";
}
