using ScottPlot;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// A picture of one traced run for a class: per partition, over the run's time, which broker led (a bar
/// in the broker's colour with its id in it, red hatching while the partition had no leader), which
/// replicas were in the ISR (a thick line per replica), and the leader's high watermark (which goes flat
/// while writes stall), with every fault window shaded across all panels and named in a strip at the top,
/// and the narrated events marked where they happened: elections, truncations, producer retries, give-ups
/// and recoveries, and the acknowledged records the run lost. Unless partitions are named, the
/// <see cref="DefaultPartitions"/> whose leader or ISR changed most are drawn, in the trace's order, which
/// fits a 1600×900 image; the same trace always gives the same picture, byte for byte.
/// </summary>
public static class PartitionTimelineChart
{
    /// <summary>How many partitions are drawn when none are named: as many as fit a 1600×900 image with rows tall enough for a projector.</summary>
    public const int DefaultPartitions = 3;

    /// <summary>At most this many named partitions are drawn; the image grows taller to keep every row legible.</summary>
    public const int MaxPartitions = 6;

    private const float Left = 190;
    private const float Right = 40;
    private const float TitleSpace = 58;
    private const float AxisSpace = 64;
    private const float LegendHeight = 76;
    private const float PartitionGap = 32;
    private const float InnerGap = 6;
    private const float FaultLaneHeight = 28;
    private const float RowPixels = 21;
    private const float MinHighWatermarkHeight = 52;
    private const float MaxPartitionHeight = 330;

    /// <summary>
    /// Draws the partitions of <paramref name="trace"/> into a PNG at <paramref name="path"/> (its directory is
    /// created if missing). <paramref name="partitions"/> names the partitions to draw, as <c>orders-0</c> or,
    /// to pick one cluster's, <c>cluster/orders-0</c>; when null or empty the partitions whose leader and ISR
    /// changed most are drawn (<see cref="DefaultPartitions"/> of them). Names the trace did not sample are
    /// ignored; when none is left, the picture shows the faults and says so.
    /// </summary>
    public static void Draw(RunTrace trace, string path, IReadOnlyCollection<string>? partitions = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var chosen = Choose(trace, partitions);
        var (start, end) = TimeAxis(trace);
        var brokers = chosen.SelectMany(PartitionStates.Brokers).Distinct().Order().ToList();
        var frame = new PartitionPanels.Frame(start, end, brokers, trace.Faults, TraceChartStyle.Width - Left - Right);

        // A long experiment name would push the title off the picture: then it names the run only.
        string title = $"Run {trace.RunId} of {trace.Experiment}: leader, ISR and high watermark of each partition";
        var (strip, lanes) = PartitionFaultStrip.Build(trace, frame, title.Length <= 84 ? title : $"Run {trace.RunId} of {trace.Experiment}");
        var stripHeight = TitleSpace + lanes * FaultLaneHeight + 8;
        var stack = new List<PanelStack.Panel>();
        if (chosen.Count == 0)
        {
            // With nothing else to draw, the fault strip takes the whole image, so every picture of a run has the same size.
            strip.Axes.Bottom.Label.Text = partitions is { Count: > 0 }
                ? $"simulated time (s): the trace sampled no partition named {string.Join(", ", partitions.Order(StringComparer.Ordinal))}"
                : "simulated time (s): no partition was sampled in this run";
            var height = Math.Max(stripHeight + AxisSpace, TraceChartStyle.Height - LegendHeight);
            stack.Add(new PanelStack.Panel(strip, height, new PixelPadding(Left, Right, AxisSpace, TitleSpace)));
        }
        else
        {
            stack.Add(new PanelStack.Panel(strip, stripHeight, new PixelPadding(Left, Right, 0, TitleSpace)));
            stack.AddRange(PartitionBands(trace, chosen, frame, TraceChartStyle.Height - stripHeight - AxisSpace - LegendHeight));
            stack[^1].Plot.Axes.Bottom.Label.Text = "simulated time (s)";
        }

        // Every panel shares the time axis, labelled once under the last.
        for (var i = 0; i < stack.Count; i++)
        {
            var bottom = stack[i].Plot.Axes.Bottom;
            TraceChartStyle.TimeTicks(bottom);
            bottom.TickLabelStyle.IsVisible = i == stack.Count - 1;
            bottom.MajorTickStyle.Length = i == stack.Count - 1 ? 6 : 0;
        }
        stack.Add(new PanelStack.Panel(PartitionLegend.Build(trace, chosen), LegendHeight, new PixelPadding(Left, Right, 0, 0)));

        TraceChartStyle.PrepareDirectory(path);
        PanelStack.Save(stack, TraceChartStyle.Width, path);
    }

    /// <summary>
    /// Two panels per partition, its state over its high watermark, sharing <paramref name="available"/>
    /// pixels of height, but never so little that a replica's row is shorter than its label: then the image
    /// grows taller instead. The last high-watermark panel keeps room below for the time axis.
    /// </summary>
    private static IEnumerable<PanelStack.Panel> PartitionBands(RunTrace trace, IReadOnlyList<PartitionHistory> chosen, PartitionPanels.Frame frame, float available)
    {
        var rows = chosen.Max(p => PartitionStates.Brokers(p).Count) + PartitionPanels.ExtraRows;
        var required = (float)rows * RowPixels + MinHighWatermarkHeight + PartitionGap + InnerGap;
        var perPartition = Math.Max(required, Math.Min(available / chosen.Count, MaxPartitionHeight));
        var hwHeight = Math.Max(MinHighWatermarkHeight, (perPartition - PartitionGap - InnerGap) * 0.3f);
        var stateHeight = perPartition - hwHeight - PartitionGap - InnerGap;
        var clusters = trace.Partitions.Select(p => p.Cluster).Distinct(StringComparer.Ordinal).Count();
        for (var i = 0; i < chosen.Count; i++)
        {
            var history = chosen[i];
            var name = clusters > 1 ? $"{history.Partition} of cluster {history.Cluster}" : history.Partition;
            var heading = $"{name}   (replicas {string.Join(", ", history.Replicas)})";
            var axis = i == chosen.Count - 1 ? AxisSpace : 0;
            yield return new PanelStack.Panel(PartitionPanels.State(history, trace.Entries, frame), PartitionGap + stateHeight,
                new PixelPadding(Left, Right, 0, PartitionGap), heading);
            yield return new PanelStack.Panel(PartitionPanels.HighWatermarkPlot(history, trace.Entries, frame), InnerGap + hwHeight + axis,
                new PixelPadding(Left, Right, axis, InnerGap));
        }
    }

    /// <summary>
    /// The partitions named by <paramref name="names"/> (at most <see cref="MaxPartitions"/>), or the
    /// <see cref="DefaultPartitions"/> most changed ones, ties going to the first in the trace; either way
    /// drawn in the trace's order.
    /// </summary>
    internal static IReadOnlyList<PartitionHistory> Choose(RunTrace trace, IReadOnlyCollection<string>? names)
    {
        var candidates = trace.Partitions.Select((p, i) => (History: p, Index: i)).ToList();
        if (names is { Count: > 0 })
        {
            candidates = candidates.Where(c => names.Contains(c.History.Partition) || names.Contains($"{c.History.Cluster}/{c.History.Partition}")).ToList();
        }
        return candidates
            .OrderByDescending(c => PartitionStates.Changes(c.History, trace.Entries)).ThenBy(c => c.Index)
            .Take(names is { Count: > 0 } ? MaxPartitions : DefaultPartitions)
            .OrderBy(c => c.Index)
            .Select(c => c.History)
            .ToList();
    }

    /// <summary>From zero to the end of the run, stretched to cover every sample, fault and entry in case a hand-made trace goes further.</summary>
    private static (double Start, double End) TimeAxis(RunTrace trace)
    {
        var times = trace.Partitions.SelectMany(p => p.Samples.Select(s => s.TimeS))
            .Concat(trace.Faults.SelectMany(f => new[] { f.StartS, f.EndS ?? f.StartS }))
            .Concat(trace.Entries.Select(e => e.TimeS))
            .Append(trace.DurationS)
            .Where(double.IsFinite)
            .DefaultIfEmpty(0)
            .ToList();
        var start = Math.Min(0, times.Min());
        var end = times.Max();
        return (start, end > start ? end : start + 1);
    }
}
