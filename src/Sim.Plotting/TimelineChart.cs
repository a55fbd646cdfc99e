using ScottPlot;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// <c>timeline-run-&lt;id&gt;.png</c>: what happened over time in the run named by
/// <see cref="ExperimentResults.TimelineRun"/>, as three panels stacked in one image over a shared time
/// axis (see <see cref="TimelinePanels"/>), with every fault window shaded across all panels and named in
/// the top one. The panels share fixed margins so their data areas, and so their time axes, line up
/// exactly.
/// </summary>
internal static class TimelineChart
{
    private const int Width = ChartStyle.Width;
    private const float DataHeight = 250;
    private const float Left = 120;
    private const float Right = 120;
    private const float TitleSpace = 60;
    private const float AxisSpace = 70;
    private const float Gap = 14;

    /// <summary>
    /// The timeline of <see cref="ExperimentResults.TimelineRun"/> and, for every other architecture, of its run at the
    /// same sweep values and replication (else its first run that kept a time series), so every design's failure reads
    /// side by side in the report; in the order of <see cref="ChartContext.Architectures"/>.
    /// </summary>
    public static IReadOnlyList<PlotFile> DrawAll(ChartContext context, string directory) =>
        Drawers(context, directory).Select(draw => draw()).OfType<PlotFile>().ToList();

    /// <summary>One drawer per timeline <see cref="DrawAll"/> draws, in its order; each writes its own file, so they may run in parallel.</summary>
    public static IReadOnlyList<Func<PlotFile?>> Drawers(ChartContext context, string directory) =>
        RunsToShow(context).Select(run => (Func<PlotFile?>)(() => Draw(context, directory, run.RunId))).ToList();

    /// <summary>The runs whose timelines the report shows, one per design (see <see cref="DrawAll"/>); none without the chosen run's time series.</summary>
    internal static IReadOnlyList<RunRecord> RunsToShow(ChartContext context)
    {
        // The chosen run anchors the others: without its time series there is no timeline to set them beside.
        if (context.Results.TimelineRun is not int id || context.Results.Runs.FirstOrDefault(r => r.RunId == id) is not { Timeseries.Count: > 0 } chosen) return [];
        var kept = context.Results.Runs.Where(r => r.Timeseries is { Count: > 0 }).ToList();
        var point = context.ParameterLabel(chosen.Parameters);
        var runs = new List<RunRecord>();
        foreach (var design in context.Architectures)
        {
            var run = design == chosen.Architecture ? chosen
                : kept.FirstOrDefault(r => r.Architecture == design && r.Replication == chosen.Replication && context.ParameterLabel(r.Parameters) == point)
                  ?? kept.FirstOrDefault(r => r.Architecture == design);
            if (run is not null) runs.Add(run);
        }
        return runs;
    }

    public static PlotFile? Draw(ChartContext context, string directory, int id)
    {
        var run = context.Results.Runs.FirstOrDefault(r => r.RunId == id);
        var series = run?.Timeseries?.Where(p => double.IsFinite(p.TimeS)).OrderBy(p => p.TimeS).ToList();
        if (run is null || series is null || series.Count == 0) return null;

        // The sampling interval sizes the election bars and names the throughput unit; a lone or repeated sample falls back to 1 s.
        var interval = series.Count > 1 && series[1].TimeS > series[0].TimeS ? series[1].TimeS - series[0].TimeS : 1;
        var start = Math.Min(series[0].TimeS - interval / 2, run.Faults.Select(f => f.StartS).DefaultIfEmpty(double.MaxValue).Min());
        var end = Math.Max(series[^1].TimeS + interval / 2, run.Faults.Select(f => f.EndS ?? f.StartS).DefaultIfEmpty(double.MinValue).Max());

        var title = context.Title($"Timeline of run {id}: {context.PointLabel(run.Architecture, run.Parameters)}");
        Plot[] panels = [TimelinePanels.Throughput(series, interval), TimelinePanels.Partitions(series), TimelinePanels.ElectionsAndLag(series, interval)];
        ShareTimeAxis(panels, run.Faults, start, end, title);

        var fileName = $"timeline-run-{id}.png";
        Render(panels, Path.Combine(directory, fileName), DataHeight);
        return new PlotFile(fileName, title, Caption(run, run.Faults.Count > 0));
    }

    internal static void AddFaults(Plot plot, IReadOnlyList<FaultInterval> faults, List<string> kinds, double end, bool labelled)
    {
        for (var i = 0; i < faults.Count; i++)
        {
            var fault = faults[i];
            var color = ChartStyle.FaultColorAt(kinds.IndexOf(fault.Kind));
            var span = plot.Add.HorizontalSpan(fault.StartS, fault.EndS ?? end, color.WithOpacity(0.14));
            span.LineColor = color.WithOpacity(0.6);
            span.LineWidth = 1.5f;
            span.LinePattern = LinePattern.Dashed;
            span.LegendText = "";
            plot.MoveToBack(span);
            if (!labelled) continue;

            // Labels hang from the top of the panel, later faults lower, so overlapping windows stay legible.
            var text = plot.Add.Text($"{fault.Kind}: {fault.Target}", fault.StartS, plot.Axes.GetLimits().Top);
            text.LabelFontSize = ChartStyle.AnnotationFontSize;
            text.LabelFontColor = color.Darken(0.3);
            text.LabelBackgroundColor = Colors.White.WithOpacity(0.8);
            text.LabelAlignment = Alignment.UpperLeft;
            text.OffsetX = 4;
            text.OffsetY = 4 + (i % 4) * (ChartStyle.AnnotationFontSize + 8);
        }
    }

    /// <summary>Panels over one time axis: fault windows shaded in each (named in the top one), tick labels on the bottom one only, the title on top.</summary>
    internal static void ShareTimeAxis(IReadOnlyList<Plot> panels, IReadOnlyList<FaultInterval> faults, double start, double end, string title)
    {
        var kinds = faults.Select(f => f.Kind).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < panels.Count; i++)
        {
            AddFaults(panels[i], faults, kinds, end, labelled: i == 0);
            panels[i].Axes.SetLimitsX(start, end);
            var last = i == panels.Count - 1;
            panels[i].Axes.Bottom.TickLabelStyle.IsVisible = last;
            panels[i].XLabel(last ? "simulated time (s)" : "");
        }
        panels[0].Title(title, ChartStyle.TitleFontSize);
        panels[0].Axes.Title.IsVisible = true;
    }

    /// <summary>Stacks the panels into one image with fixed margins, so their data areas, and so their time axes, line up.</summary>
    internal static void Render(IReadOnlyList<Plot> panels, string path, float dataHeight)
    {
        var stack = panels.Select((plot, i) =>
        {
            var first = i == 0;
            var last = i == panels.Count - 1;
            var height = dataHeight + (first ? TitleSpace : Gap) + (last ? AxisSpace : Gap);
            return new PanelStack.Panel(plot, height, new PixelPadding(Left, Right, last ? AxisSpace : Gap, first ? TitleSpace : Gap));
        }).ToList();
        PanelStack.Save(stack, Width, path);
    }

    private static string Caption(RunRecord run, bool faults)
    {
        var text = $"Run {run.RunId} (seed {run.Seed}), sampled once per time-series interval. Top: records acknowledged and failed per interval (throughput). "
            + "Middle: under-replicated and offline partitions, with the mean ISR size on the right axis. "
            + "Bottom: leader elections per interval, with MirrorMaker 2 replication lag on the right axis when there was any.";
        if (faults) text += " Shaded spans are the fault windows, named in the top panel by kind and target; a span reaching the right edge lasted to the end of the run.";
        return text;
    }
}
