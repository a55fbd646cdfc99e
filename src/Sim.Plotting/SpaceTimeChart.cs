using System.Globalization;
using ScottPlot;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// A space-time (sequence) diagram of the messages a traced run recorded in its message window: a vertical
/// lifeline per host, hosts grouped by zone on background bands, time flowing down in milliseconds from the
/// start of the window, and each message an arrow from where and when it left to where and when it arrived,
/// coloured by kind (see <see cref="MessageKinds"/>), solid for a request and dashed for a response. The
/// slope of an arrow is the network delay, so a class sees a produce reach the leader, the followers fetch
/// it across the sites, and the acknowledgement come back. The first message of each type is named on its
/// arrow, where a free spot is found; the rest are told by their colour.
/// </summary>
public static class SpaceTimeChart
{
    private const float Left = 150;
    private const float Right = 40;
    private const float TitleSpace = 58;
    private const float Bottom = 62;
    private const float LegendHeight = 84;
    private const float LabelFontSize = 16;

    private static readonly Color Lifeline = Color.FromHex("#555555");
    private static readonly Color[] BandColors = Color.FromHex(["#E6EEF7", "#F5EDE0"]);

    /// <summary>Draws the message window of <paramref name="trace"/> into a PNG at <paramref name="path"/> (its directory is created if missing).</summary>
    public static void Draw(RunTrace trace, string path)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var layout = new SpaceTimeLayout(trace);
        var messages = trace.Messages
            .Where(m => double.IsFinite(m.SentS) && double.IsFinite(m.ArrivedS))
            .OrderBy(m => m.SentS).ThenBy(m => m.ArrivedS)
            .ToList();
        var from = double.IsFinite(trace.MessagesFromS) ? trace.MessagesFromS : messages.Select(m => m.SentS).DefaultIfEmpty(0).Min();
        var windowEndMs = double.IsFinite(trace.MessagesToS) ? Ms(trace.MessagesToS, from) : 0;

        // Time runs to the last arrival, so a window the recorder stopped filling early still fills the picture.
        var lastMs = messages.Count > 0 ? messages.Max(m => Ms(m.ArrivedS, from)) : windowEndMs;
        if (lastMs <= 0) lastMs = 1;

        var plotHeight = TraceChartStyle.Height - LegendHeight - TitleSpace;
        var (xMin, xMax) = layout.XRange;
        var dataWidth = TraceChartStyle.Width - Left - Right;
        var hostTicks = SpaceTimeHostLabels.Ticks(layout, dataWidth / (xMax - xMin));
        var area = new SpaceTimeArea(xMin, xMax, -lastMs * 0.03, lastMs * 1.05, dataWidth, plotHeight - hostTicks.Space - Bottom);

        var plot = TraceChartStyle.NewPanel();
        plot.Grid.IsVisible = false;
        AddZones(plot, layout);
        AddLifelines(plot, layout, area);
        if (messages.Count > 0 && windowEndMs > 0 && windowEndMs < lastMs) AddWindowEnd(plot, area, windowEndMs);
        SpaceTimeArrows.Add(plot, messages, layout, area, from);
        if (messages.Count == 0)
        {
            TraceChartStyle.AddText(plot, "no message was recorded in this window", (xMin + xMax) / 2, lastMs / 2,
                TraceChartStyle.LabelFontSize, TraceChartStyle.Ink, Alignment.MiddleCenter).LabelBackgroundColor = Colors.White;
        }

        StyleAxes(plot, layout, area, hostTicks, from);

        var stack = new List<PanelStack.Panel>
        {
            new(TraceChartStyle.TitlePlot(Title(trace, from, messages)), TitleSpace, new PixelPadding(0, 0, 0, 0)),
            new(plot, plotHeight, new PixelPadding(Left, Right, Bottom, hostTicks.Space)),
            new(Legend(messages, layout), LegendHeight, new PixelPadding(Left, Right, 0, 0)),
        };
        TraceChartStyle.PrepareDirectory(path);
        PanelStack.Save(stack, TraceChartStyle.Width, path);
    }

    /// <summary>Host names on top, zone names at the bottom, milliseconds down the left; time runs down the page.</summary>
    private static void StyleAxes(Plot plot, SpaceTimeLayout layout, SpaceTimeArea area, SpaceTimeHostLabels hostTicks, double from)
    {
        plot.Axes.Left.Label.Text = $"time after {Seconds(from)} (ms)";
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TickDensity = 0.6, LabelFormatter = MsLabel };
        hostTicks.Apply(plot.Axes.Top);
        plot.Axes.Bottom.TickGenerator = ZoneTicks(layout);
        plot.Axes.Bottom.TickLabelStyle.Bold = true;
        plot.Axes.Bottom.TickLabelStyle.FontSize = TraceChartStyle.LabelFontSize;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.MinorTickStyle.Length = 0;
        plot.Axes.SetLimitsX(area.XMin, area.XMax);

        // The top axis carries no plottable, so it is given the same range for its host names to line up with the lifelines.
        plot.Axes.SetLimitsX(area.XMin, area.XMax, plot.Axes.Top);

        // The bottom limit is the later time, so time runs down the page.
        plot.Axes.SetLimitsY(area.YBottom, area.YTop);
    }

    /// <summary>Milliseconds from <paramref name="from"/> (seconds) to <paramref name="seconds"/>.</summary>
    internal static double Ms(double seconds, double from) => (seconds - from) * 1000;

    /// <summary>
    /// Names the run and the span of time the messages were sent in: the window, or less when the messages
    /// stop well before its end (the recorder keeps a bounded number, so a busy window is cut short).
    /// </summary>
    private static string Title(RunTrace trace, double from, IReadOnlyList<MessageHop> messages)
    {
        var run = $"Run {trace.RunId} of {trace.Experiment}";
        var to = trace.MessagesToS;
        if (messages.Count == 0)
        {
            return double.IsFinite(from) && double.IsFinite(to) ? $"{run}: no message sent from {Seconds(from)} to {Seconds(to)}" : $"{run}: no message recorded";
        }
        var lastSent = messages.Max(m => m.SentS);
        if (!double.IsFinite(to) || lastSent < to - (to - from) * 0.1) to = lastSent;
        return $"{run}: {messages.Count} message{(messages.Count == 1 ? "" : "s")} sent from {Seconds(from)} to {Seconds(to)}";
    }

    private static string Seconds(double s) => double.IsFinite(s) ? s.ToString("0.000", CultureInfo.InvariantCulture) + " s" : "?";

    private static string MsLabel(double ms) => ms.ToString("0.##", CultureInfo.InvariantCulture);

    private static void AddZones(Plot plot, SpaceTimeLayout layout)
    {
        for (var i = 0; i < layout.Bands.Count; i++)
        {
            var band = layout.Bands[i];
            var span = plot.Add.HorizontalSpan(band.Left, band.Right, BandColors[i % BandColors.Length]);
            span.LineWidth = 0;
            span.LegendText = "";
        }
    }

    private static void AddLifelines(Plot plot, SpaceTimeLayout layout, SpaceTimeArea area)
    {
        foreach (var column in layout.Columns)
        {
            var line = plot.Add.Line(column.X, area.YTop, column.X, area.YBottom);
            line.LineColor = Lifeline;
            line.LineWidth = 2.5f;
        }
    }

    private static void AddWindowEnd(Plot plot, SpaceTimeArea area, double windowEndMs)
    {
        var line = plot.Add.Line(area.XMin, windowEndMs, area.XMax, windowEndMs);
        line.LineColor = TraceChartStyle.Ink;
        line.LineWidth = 1.5f;
        line.LinePattern = LinePattern.Dashed;
        var text = TraceChartStyle.AddText(plot, "end of the window: later messages not recorded", area.XMax, windowEndMs,
            LabelFontSize - 1, TraceChartStyle.Ink, Alignment.LowerRight);
        text.OffsetX = -6;
        text.OffsetY = -3;
        text.LabelBackgroundColor = Colors.White.WithOpacity(0.8);
    }

    private static ScottPlot.TickGenerators.NumericManual ZoneTicks(SpaceTimeLayout layout)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var band in layout.Bands) ticks.AddMajor((band.Left + band.Right) / 2, $"zone {band.Zone}");
        return ticks;
    }

    private static Plot Legend(IReadOnlyList<MessageHop> messages, SpaceTimeLayout layout)
    {
        var hosts = layout.Hosts;
        var kinds = messages.Select(m => MessageKinds.Of(m, hosts)).Distinct().OrderBy(k => k.Rank).ToList();
        var items = kinds.Select(k => TraceChartStyle.LineItem(k.Label, k.Color, 5)).ToList();
        items.Add(TraceChartStyle.LineItem("request", TraceChartStyle.Ink, 2.5f));
        items.Add(TraceChartStyle.LineItem("response", TraceChartStyle.Ink, 2.5f, LinePattern.Dashed));
        return TraceChartStyle.LegendPlot(items);
    }
}
