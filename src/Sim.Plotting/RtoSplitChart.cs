using ScottPlot;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// <c>rto-split.png</c>: where each sweep point's producer RTO went, as one horizontal stacked bar per point,
/// grouped by design: detection (until the first broker was fenced or failover declared), election, metadata
/// propagation to the clients, and redirection (client failover to another cluster), from the summary means of
/// the <c>rto_*_s</c> columns. Horizontal bars keep their labels readable however many points there are. Drawn
/// only when some point measured an RTO above zero: a fault-free study has none.
/// </summary>
internal static class RtoSplitChart
{
    public const string FileName = "rto-split.png";

    private static readonly string[] Parts = ["rto_detection_s", "rto_election_s", "rto_propagation_s", "rto_redirection_s"];
    private static readonly Color[] PartColors = Color.FromHex(["#E69F00", "#56B4E9", "#009E73", "#CC79A7"]);

    public static PlotFile? Draw(ChartContext context, string directory)
    {
        var rows = context.Architectures
            .SelectMany(a => context.Results.Summary.Where(r => r.Architecture == a))
            .Where(r => Parts.Any(p => ChartContext.Mean(r, p) > 0))
            .ToList();
        if (rows.Count == 0) return null;

        var title = context.Title("Producer RTO split by design");
        var plot = ChartStyle.NewPlot(title, ChartContext.MetricLabel("rto_s"), "");
        var bars = new List<Bar>();
        var positions = new List<double>();
        var labels = new List<string>();
        double y = 0;
        string? previous = null;
        foreach (var row in rows)
        {
            // A gap between designs groups each design's points together.
            if (previous is not null && previous != row.Architecture) y += 0.6;
            previous = row.Architecture;
            double start = 0;
            for (var i = 0; i < Parts.Length; i++)
            {
                var part = ChartContext.Mean(row, Parts[i]);
                if (!(part > 0)) continue;
                bars.Add(new Bar { Position = y, ValueBase = start, Value = start + part, FillColor = PartColors[i], LineWidth = 0, Size = 0.7 });
                start += part;
            }
            positions.Add(y);
            labels.Add(context.PointLabel(row.Architecture, row.Parameters));
            y += 1;
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.SetTicks([.. positions], [.. labels]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.TickLabelStyle.FontSize = ChartStyle.AnnotationFontSize;
        plot.Axes.Left.MinimumSize = labels.Max(l => l.Length) * ChartStyle.AnnotationFontSize * 0.6f + 20;

        // The first point at the top, as a table reads.
        var max = bars.Max(b => b.Value);
        plot.Axes.SetLimits(0, max * 1.08, y - 0.4, -0.6);
        plot.Legend.DisplayPlottableLegendItems = false;
        for (var i = 0; i < Parts.Length; i++)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = MetricCatalog.Find(Parts[i])!.Label, FillColor = PartColors[i] });
        plot.ShowLegend(Edge.Right);
        plot.HideGrid();
        plot.Grid.XAxisStyle.IsVisible = true;
        var height = Math.Max(ChartStyle.Height / 2, 160 + (int)(y * 44));
        return ChartStyle.Save(plot, directory, FileName, title, Caption(context), ChartStyle.Width, height);
    }

    private static string Caption(ChartContext context) =>
        $"The producer RTO of each sweep point split into its parts (summary means over {context.Results.Replications} replication(s)): "
        + "detection until the first broker was fenced or failover declared, election of the next leader, propagation of the new metadata to "
        + "the clients (with their timeouts and retries), and redirection of clients to another cluster. Points that measured no RTO are not drawn; "
        + "the per-run split is in runs.csv." + context.KeyGlossary();
}
