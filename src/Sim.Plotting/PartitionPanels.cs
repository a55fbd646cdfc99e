using ScottPlot;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// The two plots the partition timeline draws per partition, over the shared time axis. The state plot has
/// one row for the leader (a bar per leader in the broker's colour with its id written in it, red hatching
/// while there is none, a black tick at each narrated election), one row per replica (a thick line while it
/// is in the ISR, a truncation marked on it), and one row for the producer (retries, give-ups, recoveries,
/// and a red cross when the run lost acknowledged records). The high-watermark plot draws the leader's high
/// watermark, with gaps while there is no leader, so it shows writes stalling during an outage, and the lost
/// offsets as a red band named with their count: a high watermark falling back across it is the loss.
/// </summary>
internal static class PartitionPanels
{
    /// <summary>What every panel of one chart shares: the time axis, the colour of each broker, the fault windows, and the data width in pixels.</summary>
    public sealed record Frame(double Start, double End, IReadOnlyList<int> Brokers, IReadOnlyList<FaultInterval> Faults, float DataWidth)
    {
        public Color ColorOf(int broker)
        {
            for (var i = 0; i < Brokers.Count; i++)
            {
                if (Brokers[i] == broker) return TraceChartStyle.BrokerColorAt(i);
            }
            return TraceChartStyle.Muted;
        }

        /// <summary>How many pixels <paramref name="seconds"/> take on the time axis.</summary>
        public float Pixels(double seconds) => (float)(seconds / (End - Start) * DataWidth);
    }

    public static readonly Color Retry = Color.FromHex("#E69F00");
    public static readonly Color Recovered = Color.FromHex("#009E73");
    public static readonly Color HighWatermark = Color.FromHex("#222222");
    public const float IsrLineWidth = 9;

    // The leader bar is taller than a replica row, so the broker id fits inside it in large type.
    public const double LeaderHalfHeight = 0.6;

    // Rows sit one unit apart: the producer at 0, replicas at 1..n, the leader a little higher up.
    private const double LeaderAbove = 1.25;
    private const double TopMargin = 0.2;
    private const double BottomMargin = 0.6;

    /// <summary>The height of the state plot beyond one unit per replica, in the same units: the leader's and producer's rows and the margins.</summary>
    public const double ExtraRows = LeaderAbove + LeaderHalfHeight + TopMargin + BottomMargin;

    public static Plot State(PartitionHistory history, IReadOnlyList<TraceEntry> entries, Frame frame)
    {
        var plot = TraceChartStyle.NewPanel();
        var brokers = PartitionStates.Brokers(history);
        var leaderY = brokers.Count + LeaderAbove;
        TraceChartStyle.AddFaultSpans(plot, frame.Faults, frame.End);

        AddLeaderRow(plot, history, frame, leaderY);
        for (var i = 0; i < brokers.Count; i++) AddIsrRow(plot, history, brokers[i], brokers.Count - i, frame);

        var about = entries.Where(e => PartitionStates.IsAbout(e, history)).ToList();
        foreach (var election in about.Where(e => e.Kind == "leader"))
        {
            var tick = plot.Add.Line(election.TimeS, leaderY - LeaderHalfHeight - 0.12, election.TimeS, leaderY + LeaderHalfHeight + 0.12);
            tick.LineColor = TraceChartStyle.Ink;
            tick.LineWidth = 3;
        }
        foreach (var truncation in about.Where(e => e.Kind == "truncation"))
        {
            // A truncation sits on the row of the replica that truncated, or on the producer's row if that replica has none.
            var row = truncation.Brokers.Count > 0 ? brokers.ToList().IndexOf(truncation.Brokers[0]) : -1;
            AddMarker(plot, truncation.TimeS, row < 0 ? 0 : brokers.Count - row, MarkerShape.FilledTriangleDown, 17, TraceChartStyle.Ink);
        }
        AddProducerRow(plot, history, about, entries, frame);

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        ticks.AddMajor(leaderY, "leader");
        for (var i = 0; i < brokers.Count; i++) ticks.AddMajor(brokers.Count - i, $"broker {brokers[i]} in ISR");
        ticks.AddMajor(0, "producer");
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Grid.IsVisible = false;
        plot.Axes.SetLimits(frame.Start, frame.End, -BottomMargin, leaderY + LeaderHalfHeight + TopMargin);
        return plot;
    }

    public static Plot HighWatermarkPlot(PartitionHistory history, IReadOnlyList<TraceEntry> entries, Frame frame)
    {
        var plot = TraceChartStyle.NewPanel();
        TraceChartStyle.AddFaultSpans(plot, frame.Faults, frame.End);
        var runs = PartitionStates.HighWatermarkRuns(history.Samples);
        foreach (var run in runs)
        {
            // A lone sample still gets a visible stroke, as wide as the gap to where it stops holding.
            var xs = run.Select(s => s.TimeS).ToList();
            var ys = run.Select(s => (double)s.HighWatermark).ToList();
            if (run.Count == 1)
            {
                xs.Add(run[0].TimeS + (frame.End - frame.Start) / 400);
                ys.Add(run[0].HighWatermark);
            }
            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), HighWatermark);
            line.LineWidth = 4;
            line.MarkerSize = 0;
        }

        var max = runs.SelectMany(r => r).Select(s => (double)s.HighWatermark).DefaultIfEmpty(0).Max();
        var lost = PartitionStates.Lost(history, entries);
        if (lost is { First: >= 0 })
        {
            var band = plot.Add.VerticalSpan(lost.Value.First, lost.Value.Last + 1, PartitionLegend.LostOffsets);
            band.LineWidth = 0;
            band.LegendText = "";
            max = Math.Max(max, lost.Value.Last + 1);
        }

        // The panel's name and what it lost go on its top line, left, where a high watermark rising from zero leaves room.
        const string name = "leader's high watermark";
        var size = TraceChartStyle.TextFontSize - 1;
        var top = max * 1.3 + 1;
        var title = TraceChartStyle.AddText(plot, name, frame.Start, top, size, TraceChartStyle.Ink, Alignment.UpperLeft);
        title.OffsetX = 6;
        title.OffsetY = 2;
        if (lost is { First: >= 0 } l)
        {
            var text = $"{TraceChartStyle.Number(l.Records)} acknowledged records lost: offsets {TraceChartStyle.Number(l.First)}-{TraceChartStyle.Number(l.Last)} (red band)";
            var label = TraceChartStyle.AddText(plot, text, frame.Start, top, size, TraceChartStyle.Alarm, Alignment.UpperLeft, bold: true);
            label.OffsetX = 6 + TraceChartStyle.TextWidth(name, size) + 16;
            label.OffsetY = 2;
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [new Tick(0, "0", isMajor: true), new Tick(max, TraceChartStyle.Count(max), isMajor: true)]);
        plot.Axes.SetLimits(frame.Start, frame.End, -max * 0.08 - 0.5, top);
        return plot;
    }

    private static void AddLeaderRow(Plot plot, PartitionHistory history, Frame frame, double y)
    {
        foreach (var span in PartitionStates.Spans(history.Samples, s => s.Leader, frame.End))
        {
            var rect = plot.Add.Rectangle(span.Start, span.End, y - LeaderHalfHeight, y + LeaderHalfHeight);
            rect.LineWidth = 0;
            var width = frame.Pixels(span.End - span.Start);
            string[] labels;
            Color textColor;
            if (span.Value < 0)
            {
                rect.FillColor = Colors.White;
                rect.FillHatch = new ScottPlot.Hatches.Striped(ScottPlot.Hatches.StripeDirection.DiagonalUp);
                rect.FillHatchColor = TraceChartStyle.Alarm.WithOpacity(0.75);
                rect.LineColor = TraceChartStyle.Alarm;
                rect.LineWidth = 2;
                labels = ["offline: no leader", "offline", ""];
                textColor = TraceChartStyle.Alarm;
            }
            else
            {
                rect.FillColor = frame.ColorOf(span.Value);
                labels = [$"broker {span.Value}", $"{span.Value}", ""];
                textColor = Colors.White;
            }
            var label = labels.First(l => TraceChartStyle.TextWidth(l, TraceChartStyle.TextFontSize, bold: true) < width - 4);
            if (label.Length == 0) continue;
            var text = TraceChartStyle.AddText(plot, label, (span.Start + span.End) / 2, y, TraceChartStyle.TextFontSize, textColor, Alignment.MiddleCenter, bold: true);
            if (span.Value < 0) text.LabelBackgroundColor = Colors.White;
        }
    }

    private static void AddIsrRow(Plot plot, PartitionHistory history, int broker, double y, Frame frame)
    {
        var track = plot.Add.Line(frame.Start, y, frame.End, y);
        track.LineColor = TraceChartStyle.Muted.WithOpacity(0.6);
        track.LineWidth = 1.5f;
        track.LinePattern = LinePattern.Dotted;
        foreach (var span in PartitionStates.Spans(history.Samples, s => s.Isr.Contains(broker), frame.End).Where(s => s.Value))
        {
            var line = plot.Add.Line(span.Start, y, span.End, y);
            line.LineColor = frame.ColorOf(broker);
            line.LineWidth = IsrLineWidth;
        }
    }

    private static void AddProducerRow(Plot plot, PartitionHistory history, IReadOnlyList<TraceEntry> about, IReadOnlyList<TraceEntry> entries, Frame frame)
    {
        foreach (var e in about)
        {
            switch (e.Kind)
            {
                case "retry": AddMarker(plot, e.TimeS, 0, MarkerShape.FilledCircle, 13, Retry); break;
                case "failure": AddMarker(plot, e.TimeS, 0, MarkerShape.FilledSquare, 14, TraceChartStyle.Alarm); break;
                case "recovered": AddMarker(plot, e.TimeS, 0, MarkerShape.FilledTriangleUp, 16, Recovered); break;
            }
        }
        if (PartitionStates.Lost(history, entries) is not { } lost) return;

        // Losses are counted when the run ends, on the right edge, so the marker is pulled in to be seen whole.
        var x = Math.Min(lost.TimeS, frame.End - (frame.End - frame.Start) * 14 / frame.DataWidth);
        var marker = AddMarker(plot, x, 0, MarkerShape.Eks, 22, TraceChartStyle.Alarm);
        marker.MarkerLineWidth = 4;
    }

    private static ScottPlot.Plottables.Marker AddMarker(Plot plot, double x, double y, MarkerShape shape, float size, Color color)
    {
        var marker = plot.Add.Marker(x, y, shape, size, color);
        marker.MarkerLineColor = color;
        marker.LegendText = "";
        return marker;
    }
}
