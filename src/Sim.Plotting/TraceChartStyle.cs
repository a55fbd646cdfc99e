using System.Globalization;
using ScottPlot;
using Sim.Results;
using SkiaSharp;

namespace Sim.Plotting;

/// <summary>
/// The look of the charts drawn from one traced run (<see cref="PartitionTimelineChart"/>,
/// <see cref="SpaceTimeChart"/>), which an instructor puts on a projector in front of a class: 1600×900,
/// type a size larger than the experiment charts' (<see cref="ChartStyle"/>), thick lines, and a colour per
/// broker that stays the same wherever the broker appears. Red is kept for what went wrong (no leader, a
/// producer giving up, acknowledged records lost), so no broker is drawn in red.
/// </summary>
internal static class TraceChartStyle
{
    public const int Width = 1600;
    public const int Height = 900;
    public const float TitleFontSize = 28;
    public const float LabelFontSize = 21;
    public const float TickFontSize = 18;
    public const float LegendFontSize = 18;
    public const float TextFontSize = 17;

    /// <summary>Opacity of a fault window drawn behind the data: visible, yet light enough for bars and lines on top to keep their colours.</summary>
    public const double FaultOpacity = 0.10;

    public static readonly Color Ink = Color.FromHex("#222222");
    public static readonly Color Muted = Color.FromHex("#9A9A9A");
    public static readonly Color Alarm = Color.FromHex("#C0142B");

    // Okabe and Ito's colour-blind-safe tones without their vermillion (too close to the red of an alarm),
    // then darker ones for clusters of more than six brokers.
    private static readonly Color[] BrokerPalette = Color.FromHex(
    [
        "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#5E3C99", "#8C564B", "#9A9A00", "#1B7837", "#7F7F7F",
    ]);

    // Faces to measure labels with, resolved once: the ones ScottPlot draws <see cref="ChartStyle.FontName"/> with.
    private static readonly SKTypeface RegularFace = SKTypeface.FromFamilyName(ChartStyle.FontName, SKFontStyle.Normal);
    private static readonly SKTypeface BoldFace = SKTypeface.FromFamilyName(ChartStyle.FontName, SKFontStyle.Bold);

    /// <summary>The colour of the broker at <paramref name="index"/> in a chart's sorted broker ids, cycling past ten brokers.</summary>
    public static Color BrokerColorAt(int index) => BrokerPalette[index % BrokerPalette.Length];

    /// <summary>A plot without title or legend whose axes use this style's type sizes.</summary>
    public static Plot NewPanel()
    {
        var plot = new Plot();
        plot.Axes.Title.IsVisible = false;
        foreach (var axis in plot.Axes.GetAxes()) StyleAxis(axis);
        plot.Grid.MajorLineColor = Colors.Black.WithOpacity(0.08);
        return plot;
    }

    public static void StyleAxis(IAxis axis)
    {
        axis.TickLabelStyle.FontSize = TickFontSize;
        axis.Label.FontSize = LabelFontSize;
        axis.Label.Bold = false;
        axis.MajorTickStyle.Length = 6;
        axis.FrameLineStyle.Width = 1.5f;
    }

    /// <summary>Labels a time axis in seconds with few, large ticks.</summary>
    public static void TimeTicks(IAxis axis) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TickDensity = 0.6, LabelFormatter = Number };

    /// <summary>Text pinned to a data coordinate, in this style's face and <paramref name="size"/>.</summary>
    public static ScottPlot.Plottables.Text AddText(Plot plot, string text, double x, double y, float size, Color color, Alignment alignment, bool bold = false)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontName = ChartStyle.FontName;
        label.LabelFontSize = size;
        label.LabelFontColor = color;
        label.LabelBold = bold;
        label.LabelAlignment = alignment;
        label.LabelBackgroundColor = Colors.Transparent;
        label.LabelBorderWidth = 0;
        return label;
    }

    /// <summary>
    /// The width of <paramref name="text"/> in pixels in this style's face (its longest line when it has
    /// several), plus a few pixels of air: to decide whether a label fits before drawing it.
    /// </summary>
    public static float TextWidth(string text, float size, bool bold = false)
    {
        using var font = new SKFont(bold ? BoldFace : RegularFace, size);
        return text.Split('\n').Max(line => font.MeasureText(line)) + 6;
    }

    /// <summary>
    /// Shades every fault window over the whole height of <paramref name="plot"/>; an open window runs to
    /// <paramref name="end"/>. Each fault has its own colour (see <see cref="FaultColorAt"/>), so overlapping
    /// windows stay apart.
    /// </summary>
    public static void AddFaultSpans(Plot plot, IReadOnlyList<FaultInterval> faults, double end)
    {
        for (var i = 0; i < faults.Count; i++)
        {
            var fault = faults[i];
            var color = FaultColorAt(i);
            var span = plot.Add.HorizontalSpan(fault.StartS, Math.Max(fault.StartS, fault.EndS ?? end), color.WithOpacity(FaultOpacity));
            span.LineColor = color.WithOpacity(0.7);
            span.LineWidth = 2;
            span.LinePattern = LinePattern.Dashed;
            span.LegendText = "";
            plot.MoveToBack(span);
        }
    }

    /// <summary>
    /// The colour of the fault at <paramref name="index"/> in the trace. A trace tells one run, where several
    /// faults of one kind (three broker crashes) are told apart by target, so colours go by fault, not by
    /// kind as in the experiment timeline.
    /// </summary>
    public static Color FaultColorAt(int index) => ChartStyle.FaultColorAt(index);

    /// <summary>
    /// A band holding only <paramref name="title"/>, centred, for a chart whose top axis carries labels of
    /// its own (ScottPlot would place its title over rotated tick labels).
    /// </summary>
    public static Plot TitlePlot(string title)
    {
        var plot = new Plot();
        plot.HideAxesAndGrid();
        plot.Axes.SetLimits(-1, 1, -1, 1);
        AddText(plot, title, 0, 0, TitleFontSize, Colors.Black, Alignment.MiddleCenter, bold: true);
        return plot;
    }

    /// <summary>A plot with no axes whose legend, centred and wrapped into rows, lists <paramref name="items"/>: the key under a chart.</summary>
    public static Plot LegendPlot(IEnumerable<LegendItem> items)
    {
        var plot = new Plot();
        plot.HideAxesAndGrid();
        plot.Legend.ManualItems.AddRange(items);
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.MiddleCenter;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.FontSize = LegendFontSize;
        plot.Legend.FontName = ChartStyle.FontName;
        plot.Legend.SymbolWidth = 34;
        plot.Legend.TightHorizontalWrapping = true;
        plot.Legend.OutlineWidth = 0;
        plot.Legend.BackgroundColor = Colors.Transparent;
        plot.Legend.ShadowColor = Colors.Transparent;
        return plot;
    }

    public static LegendItem LineItem(string label, Color color, float width, LinePattern? pattern = null) =>
        new() { LabelText = label, LineColor = color, LineWidth = width, LinePattern = pattern ?? LinePattern.Solid };

    /// <summary>A number the way a slide shows it: <c>12,345</c>, <c>0.5</c>, never an exponent.</summary>
    public static string Number(double value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);

    /// <summary>A count of records with a k or M suffix (<c>12.3k</c>), short enough for a tick of a small panel.</summary>
    public static string Count(double value)
    {
        var magnitude = Math.Abs(value);
        return magnitude >= 1e6 ? (value / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M"
            : magnitude >= 1e3 ? (value / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k"
            : value.ToString("0", CultureInfo.InvariantCulture);
    }

    /// <summary>The parent directory of <paramref name="path"/> is created if missing, as <see cref="PlotSet"/> does for its directory.</summary>
    public static void PrepareDirectory(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
    }
}
