using ScottPlot;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// The key under the partition timeline: a plot with no axes whose legend names every kind of mark. The
/// bars, lines and fault shading are always listed; markers only when the drawn partitions have any, so a
/// quiet run does not carry a key to marks that are not there.
/// </summary>
internal static class PartitionLegend
{
    public static readonly Color LostOffsets = Color.FromHex("#C0142B").WithOpacity(0.3);

    public static Plot Build(RunTrace trace, IReadOnlyList<PartitionHistory> partitions)
    {
        var about = trace.Entries.Where(e => partitions.Any(p => PartitionStates.IsAbout(e, p)) || e.Partition is null).ToList();
        bool Has(string kind) => about.Any(e => e.Kind == kind);

        var items = new List<LegendItem>
        {
            Fill("leader (broker id in the bar)", TraceChartStyle.BrokerColorAt(0)),
            Line("in the ISR", TraceChartStyle.BrokerColorAt(1), PartitionPanels.IsrLineWidth),
            Line("high watermark", PartitionPanels.HighWatermark, 4),
            Fill("fault window", TraceChartStyle.FaultColorAt(0).WithOpacity(0.3)),
        };
        if (partitions.Any(p => p.Samples.Any(s => s.Leader < 0)))
        {
            var offline = Fill("no leader (offline)", Colors.White);
            offline.FillHatch = new ScottPlot.Hatches.Striped(ScottPlot.Hatches.StripeDirection.DiagonalUp);
            offline.FillHatchColor = TraceChartStyle.Alarm;
            offline.OutlineColor = TraceChartStyle.Alarm;
            offline.OutlineWidth = 2;
            items.Add(offline);
        }
        if (Has("leader")) items.Add(Line("election", TraceChartStyle.Ink, 3));
        if (Has("truncation")) items.Add(Marker("truncation", MarkerShape.FilledTriangleDown, TraceChartStyle.Ink));
        if (Has("retry")) items.Add(Marker("produce retried", MarkerShape.FilledCircle, PartitionPanels.Retry));
        if (Has("failure")) items.Add(Marker("producer gives up", MarkerShape.FilledSquare, TraceChartStyle.Alarm));
        if (Has("recovered")) items.Add(Marker("acknowledged again", MarkerShape.FilledTriangleUp, PartitionPanels.Recovered));
        if (Has("lost"))
        {
            items.Add(Marker("acknowledged records lost", MarkerShape.Eks, TraceChartStyle.Alarm));
            items.Add(Fill("lost offsets (red band)", LostOffsets));
        }

        return TraceChartStyle.LegendPlot(items);
    }

    private static LegendItem Fill(string label, Color color) => new() { LabelText = label, FillColor = color };

    private static LegendItem Line(string label, Color color, float width) => TraceChartStyle.LineItem(label, color, width);

    private static LegendItem Marker(string label, MarkerShape shape, Color color) => new()
    {
        LabelText = label, MarkerShape = shape, MarkerSize = 15, MarkerFillColor = color, MarkerLineColor = color, MarkerLineWidth = 3, LineWidth = 0,
    };
}
