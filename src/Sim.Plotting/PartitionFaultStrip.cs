using ScottPlot;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// The strip at the top of the partition timeline that names the run's faults: a bar per fault over its
/// window, in the colour its shading has in the panels below, labelled with its kind and target. Faults
/// share a lane when neither their bars nor their labels overlap. A label that would run off the right edge
/// is written from the edge leftwards instead. Producer errors that name no partition get a lane of their
/// own at the bottom, since no partition's band can hold them.
/// </summary>
internal static class PartitionFaultStrip
{
    private const float LabelPadding = 6;

    /// <summary>The strip, titled <paramref name="title"/>, and how many lanes it has (at least one).</summary>
    public static (Plot Plot, int Lanes) Build(RunTrace trace, PartitionPanels.Frame frame, string title)
    {
        var plot = TraceChartStyle.NewPanel();
        plot.Axes.Title.IsVisible = true;
        plot.Title(title, TraceChartStyle.TitleFontSize);
        plot.Axes.Title.Label.Bold = true;
        var placements = Place(trace.Faults, frame);
        var faultLanes = Math.Max(1, placements.Select(p => p.Lane + 1).DefaultIfEmpty(1).Max());
        var errors = trace.Entries.Where(e => e.Partition is null && (e.Kind == "retry" || e.Kind == "failure")).ToList();
        var lanes = faultLanes + (errors.Count > 0 ? 1 : 0);

        for (var i = 0; i < trace.Faults.Count; i++)
        {
            var fault = trace.Faults[i];
            var color = TraceChartStyle.FaultColorAt(i);
            var y = lanes - 1 - placements[i].Lane;
            var rect = plot.Add.Rectangle(fault.StartS, Math.Max(fault.StartS, fault.EndS ?? frame.End), y - 0.4, y + 0.4);
            rect.FillColor = color.WithOpacity(0.3);
            rect.LineColor = color;
            rect.LineWidth = 2;
            var fromRight = placements[i].FromRight;
            var label = TraceChartStyle.AddText(plot, Label(fault), fromRight ? frame.End : fault.StartS, y, TraceChartStyle.TextFontSize,
                color.Darken(0.35), fromRight ? Alignment.MiddleRight : Alignment.MiddleLeft, bold: true);
            label.OffsetX = fromRight ? -LabelPadding : LabelPadding;
        }
        if (trace.Faults.Count == 0)
        {
            TraceChartStyle.AddText(plot, "no fault was injected in this run", frame.Start, lanes - 1, TraceChartStyle.TextFontSize, TraceChartStyle.Ink, Alignment.MiddleLeft)
                .OffsetX = LabelPadding;
        }
        foreach (var e in errors)
        {
            var retry = e.Kind == "retry";
            plot.Add.Marker(e.TimeS, 0, retry ? MarkerShape.FilledCircle : MarkerShape.FilledSquare, 13, retry ? PartitionPanels.Retry : TraceChartStyle.Alarm)
                .LegendText = "";
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        ticks.AddMajor(lanes - 1 - (faultLanes - 1) / 2.0, "faults");
        if (errors.Count > 0) ticks.AddMajor(0, "producer");
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Grid.IsVisible = false;
        plot.Axes.SetLimits(frame.Start, frame.End, -0.5, lanes - 0.5);
        return (plot, lanes);
    }

    private static string Label(FaultInterval fault) => $"{fault.Kind}: {fault.Target}{(fault.EndS is null ? " (not repaired)" : "")}";

    /// <summary>Each fault's lane, the first whose bars and labels it overlaps none of, and whether its label is written from the right edge.</summary>
    private static IReadOnlyList<(int Lane, bool FromRight)> Place(IReadOnlyList<FaultInterval> faults, PartitionPanels.Frame frame)
    {
        var occupied = new List<List<(float Left, float Right)>>();
        var placements = new List<(int, bool)>();
        foreach (var fault in faults)
        {
            var left = frame.Pixels(fault.StartS - frame.Start);
            var right = frame.Pixels(Math.Max(fault.StartS, fault.EndS ?? frame.End) - frame.Start);
            var text = TraceChartStyle.TextWidth(Label(fault), TraceChartStyle.TextFontSize, bold: true) + 2 * LabelPadding;
            var fromRight = left + text > frame.DataWidth;
            var extent = fromRight ? (Math.Min(left, frame.DataWidth - text), frame.DataWidth) : (left, Math.Max(right, left + text));
            var lane = occupied.FindIndex(l => l.All(o => o.Right + 10 < extent.Item1 || extent.Item2 + 10 < o.Left));
            if (lane < 0)
            {
                lane = occupied.Count;
                occupied.Add([]);
            }
            occupied[lane].Add(extent);
            placements.Add((lane, fromRight));
        }
        return placements;
    }
}
