using ScottPlot;

namespace Sim.Plotting;

/// <summary>
/// The look every chart shares, chosen to stay readable on a projector: images of at least 1400×800 px,
/// titles at 22 px, axis labels at 18 px, tick labels at 15 px, lines 3 px wide and a fixed palette, so
/// the same input always gives the same colours and the same bytes.
/// </summary>
internal static class ChartStyle
{
    public const int Width = 1400;
    public const int Height = 800;
    public const float TitleFontSize = 22;
    public const float AxisLabelFontSize = 18;
    public const float TickFontSize = 15;
    public const float LegendFontSize = 15;
    public const float AnnotationFontSize = 14;
    public const float LineWidth = 3;
    public const float MarkerSize = 11;

    /// <summary>Alpha of a confidence band or a fault window: light enough that lines drawn over it stay legible.</summary>
    public const double BandOpacity = 0.2;

    // Okabe and Ito's colour-blind-safe palette first (without its yellow, which vanishes on white), then
    // darker tones for experiments with more than seven series.
    private static readonly Color[] Palette = Color.FromHex(
    [
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
        "#8C564B", "#7F7F7F", "#9A9A00", "#5E3C99", "#1B7837",
    ]);

    // Fault windows take strong, warm tones apart from the series palette's first colours: one per fault kind in an
    // experiment timeline, one per fault in a trace.
    private static readonly Color[] FaultPalette = Color.FromHex(["#E41A1C", "#984EA3", "#FF7F00", "#A65628", "#4D4D4D"]);

    private static readonly MarkerShape[] Shapes =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp,
        MarkerShape.FilledDiamond, MarkerShape.FilledTriangleDown,
    ];

    // Skia's default face is whatever fontconfig prefers (a serif one on many Linux boxes), so a common sans
    // face is named explicitly. The PNG bytes still depend on the fonts installed: identical on one machine,
    // not necessarily across machines.
    private static readonly string[] SansFaces = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans"];

    /// <summary>The first of the usual sans-serif faces installed here, else ScottPlot's default.</summary>
    public static readonly string FontName =
        SansFaces.FirstOrDefault(f => Fonts.GetTypeface(f, bold: false, italic: false).FamilyName == f) ?? Fonts.Default;

    /// <summary>The palette colour of the series at <paramref name="index"/>, cycling when there are more series than colours.</summary>
    public static Color ColorAt(int index) => Palette[index % Palette.Length];

    /// <summary>The colour of the fault kind at <paramref name="index"/> (in order of first appearance), cycling past five kinds.</summary>
    public static Color FaultColorAt(int index) => FaultPalette[index % FaultPalette.Length];

    /// <summary>A marker shape per series, so series stay distinguishable in grey-scale print.</summary>
    public static MarkerShape ShapeAt(int index) => Shapes[index % Shapes.Length];

    /// <summary>A plot with the shared title, axis labels and font sizes applied.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, TitleFontSize);
        plot.Axes.Title.Label.Bold = true;
        plot.XLabel(xLabel, AxisLabelFontSize);
        plot.YLabel(yLabel, AxisLabelFontSize);
        StyleAxis(plot.Axes.Bottom);
        StyleAxis(plot.Axes.Left);
        StyleAxis(plot.Axes.Right);
        plot.Legend.FontSize = LegendFontSize;
        plot.Legend.SymbolWidth = 36;
        return plot;
    }

    /// <summary>Applies the shared tick and label sizes to one axis (the secondary y axis included).</summary>
    public static void StyleAxis(IAxis axis)
    {
        // Half ScottPlot's default tick density: fewer, larger labels read better from the back of a room.
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TickDensity = 0.5 };
        axis.TickLabelStyle.FontSize = TickFontSize;
        axis.Label.FontSize = AxisLabelFontSize;
        axis.Label.Bold = false;
    }

    /// <summary>
    /// Sets <see cref="FontName"/> on every text of the plot (title, axis labels, ticks, legend, text labels);
    /// called last so it reaches labels added after the plot was made. ScottPlot's <c>plot.Font.Set</c> is
    /// avoided: it also changes process-wide defaults (<c>Fonts.Default</c>, <c>Fonts.DefaultFontStyle</c>),
    /// after which bold text renders regular, so a chart's bytes would depend on what was drawn before it.
    /// </summary>
    public static void ApplyFont(Plot plot)
    {
        plot.Axes.Title.Label.FontName = FontName;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontName = FontName;
            axis.TickLabelStyle.FontName = FontName;
        }
        plot.Legend.FontName = FontName;
        foreach (var text in plot.GetPlottables<ScottPlot.Plottables.Text>()) text.LabelStyle.FontName = FontName;
    }

    /// <summary>
    /// Y limits for a quantity that cannot be negative: from just below zero (so a line lying on zero stays
    /// visible above the frame) to <paramref name="headroom"/> of the range above the largest value.
    /// </summary>
    public static (double Low, double High) FromZero(IEnumerable<double> values, double headroom)
    {
        var finite = values.Where(double.IsFinite).ToList();
        var max = finite.Count == 0 ? 0 : finite.Max();
        var min = finite.Count == 0 ? 0 : Math.Min(0, finite.Min());
        var range = max > min ? max - min : 1;
        return (min - range * 0.03, Math.Max(max, min) + range * headroom);
    }

    /// <summary>Writes <paramref name="plot"/> as a PNG into <paramref name="directory"/> and describes it.</summary>
    public static PlotFile Save(Plot plot, string directory, string fileName, string title, string caption, int width = Width, int height = Height)
    {
        ApplyFont(plot);
        plot.SavePng(Path.Combine(directory, fileName), width, height);
        return new PlotFile(fileName, title, caption);
    }
}
