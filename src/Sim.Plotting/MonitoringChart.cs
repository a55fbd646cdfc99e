using ScottPlot;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// <c>monitoring-run-&lt;id&gt;.png</c>: the seed's monitoring dashboard (seed 003, Monitoring Strategy) for the run the
/// report's timeline shows, one panel per group of metrics over a shared time axis, with the seed's alert
/// thresholds drawn as dashed red lines: under-replicated and offline partitions (critical above 0), ISR shrink and
/// expand rates (near zero when healthy), active controllers per cluster (exactly 1: 0 is an unavailable cluster,
/// 2 a split brain), replica, MirrorMaker 2 and consumer lag in records, MirrorMaker 2 lag and checkpoint age in
/// seconds, produce and end-to-end p99 per interval, and the busiest broker's bytes in and out with the busiest
/// link's utilisation (headroom below 70 %). Fault windows are shaded as in the timeline.
/// </summary>
internal static class MonitoringChart
{
    private const float DataHeight = 190;
    private static readonly Color Alert = Color.FromHex("#C00000");

    private static readonly Dictionary<string, int> Column =
        MonitoringSample.Columns.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);

    private static Func<MonitoringSample, double> V(string column)
    {
        int i = Column[column];
        return s => s.Values[i];
    }

    public static PlotFile? Draw(ChartContext context, string directory)
    {
        if (context.Results.TimelineRun is not int id || context.Results.Runs.FirstOrDefault(r => r.RunId == id) is not { Monitoring.Count: > 0 } run) return null;
        var s = run.Monitoring!.Where(p => double.IsFinite(p.TimeS)).OrderBy(p => p.TimeS).ToList();
        var interval = s.Count > 1 && s[1].TimeS > s[0].TimeS ? s[1].TimeS - s[0].TimeS : 1;
        var start = Math.Min(s[0].TimeS - interval / 2, run.Faults.Select(f => f.StartS).DefaultIfEmpty(double.MaxValue).Min());
        var end = Math.Max(s[^1].TimeS + interval / 2, run.Faults.Select(f => f.EndS ?? f.StartS).DefaultIfEmpty(double.MinValue).Max());
        var panels = Panels(s);

        var title = context.Title($"Monitoring dashboard of run {id}: {context.PointLabel(run.Architecture, run.Parameters)}");
        TimelineChart.ShareTimeAxis(panels, run.Faults, start, end, title);
        var fileName = $"monitoring-run-{id}.png";
        TimelineChart.Render(panels, Path.Combine(directory, fileName), DataHeight);
        return new PlotFile(fileName, title,
            $"Run {run.RunId} (seed {run.Seed}) as an operator's dashboard would show it, one sample per time-series interval (timeseries/{run.RunId:D6}.monitoring.csv). "
            + "Dashed red lines are the seed's alert thresholds: under-replicated or offline partitions above 0, active controllers other than 1, a link above 70 % of its bandwidth. "
            + "Lags are in records (replica: leader log end minus the slowest live follower's; MirrorMaker 2: source high watermark minus what the target acknowledged; consumer: high watermark minus the group's position), "
            + "checkpoint age is the time since MirrorMaker 2 last wrote a consumer-offset checkpoint.");
    }

    private static List<Plot> Panels(IReadOnlyList<MonitoringSample> s)
    {
        var panels = new List<Plot>
        {
            Group(s, "partitions", 1, [("under_replicated", "under-replicated", 0), ("offline", "offline", 1)], (0, "alert: above 0 (critical)")),
            Group(s, "ISR changes per s", 0.1, [("isr_shrinks_per_s", "ISR shrinks", 0), ("isr_expands_per_s", "ISR expands", 2)]),
            Group(s, "active controllers", 2, [("active_controllers_min", "fewest in a cluster", 0), ("active_controllers_max", "most in a cluster", 3)], (1, "healthy: exactly 1")),
        };
        var behind = new List<(string, string, int)> { ("replica_lag_max", "replica lag (max)", 0) };
        if (s.Any(x => V("mirror_records_behind")(x) > 0)) behind.Add(("mirror_records_behind", "MirrorMaker 2 lag", 1));
        if (s.Any(x => double.IsFinite(V("consumer_lag_max")(x)))) behind.Add(("consumer_lag_max", "consumer lag (worst group)", 2));
        panels.Add(Group(s, "records behind", 1, behind));
        if (s.Any(x => double.IsFinite(V("mirror_lag_s")(x)) || double.IsFinite(V("checkpoint_age_s")(x))))
            panels.Add(Group(s, "seconds", 1, [("mirror_lag_s", "MirrorMaker 2 lag", 1), ("checkpoint_age_s", "checkpoint age", 4)]));
        panels.Add(Group(s, "p99 per interval (ms)", 1, [("produce_p99_ms", "produce", 0), ("e2e_p99_ms", "end to end", 2)]));
        panels.Add(Network(s));
        return panels;
    }

    private static Plot Group(IReadOnlyList<MonitoringSample> s, string yLabel, double minTop, IReadOnlyList<(string Column, string Label, int Color)> lines, (double Y, string Label)? threshold = null)
    {
        var plot = TimelinePanels.NewPanel(yLabel);
        foreach (var (column, label, color) in lines) Line(plot, s, V(column), label, color);
        if (threshold is { } t) Threshold(plot, t.Y, t.Label);
        return Limits(plot, lines.SelectMany(l => s.Select(V(l.Column))), minTop);
    }

    private static Plot Network(IReadOnlyList<MonitoringSample> s)
    {
        var plot = Group(s, "busiest broker (MB/s)", 1, [("bytes_in_mbps_max", "bytes in", 0), ("bytes_out_mbps_max", "bytes out", 2)]);
        var util = V("link_util_max");
        var link = Line(plot, s, x => util(x) * 100, "busiest link (% of bandwidth, right axis)", 5);
        link.Axes.YAxis = plot.Axes.Right;
        var saturation = plot.Add.HorizontalLine(70, 2, Alert, LinePattern.Dashed);
        saturation.Axes.YAxis = plot.Axes.Right;
        saturation.LegendText = "link headroom: below 70 %";
        plot.Axes.Right.Label.Text = "link utilisation (%)";
        plot.Axes.SetLimitsY(0, Math.Max(100, s.Select(x => util(x) * 100).Where(double.IsFinite).DefaultIfEmpty(0).Max() * 1.45), plot.Axes.Right);
        return plot;
    }

    private static ScottPlot.Plottables.Scatter Line(Plot plot, IReadOnlyList<MonitoringSample> s, Func<MonitoringSample, double> value, string label, int color)
    {
        var points = s.Select(p => (X: p.TimeS, Y: value(p))).Where(p => double.IsFinite(p.Y)).ToList();
        var line = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), ChartStyle.ColorAt(color));
        line.LineWidth = ChartStyle.LineWidth;
        line.LegendText = label;
        return line;
    }

    private static void Threshold(Plot plot, double y, string label)
    {
        var line = plot.Add.HorizontalLine(y, 2, Alert, LinePattern.Dashed);
        line.LegendText = label;
    }

    /// <summary>From zero to the largest value (at least <paramref name="minTop"/>), leaving room for the legend.</summary>
    private static Plot Limits(Plot plot, IEnumerable<double> values, double minTop)
    {
        var (low, high) = ChartStyle.FromZero(values.Where(double.IsFinite).Append(minTop), 0.45);
        plot.Axes.SetLimitsY(low, high, plot.Axes.Left);
        return plot;
    }
}
