using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// Draws every chart of an experiment from its result records into a plots directory: the latency
/// distribution, one line plot per key metric and numeric swept key, the RPO/RTO/latency trade-off,
/// availability per sweep point and the failure timeline of the chosen run; for a capacity search, the
/// hockey stick of each SLA metric against the offered load, then the timeline. The list comes back in that
/// fixed order, and identical results give identical files, so reports and golden tests can rely on both.
/// A chart with nothing to show (no latency distribution, every value NaN, no timeline run) is left out.
/// </summary>
public static class PlotSet
{
    public static IReadOnlyList<PlotFile> Draw(ExperimentResults results, string plotsDirectory)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentException.ThrowIfNullOrEmpty(plotsDirectory);
        if (results.Runs.Count == 0) return [];

        Directory.CreateDirectory(plotsDirectory);
        var context = new ChartContext(results);
        var files = new List<PlotFile>();
        if (results.Search is not null)
        {
            // A search's summary rows are its probes, at loads the search chose: the hockey stick says what the
            // per-point charts would, and the distribution, trade-off and availability charts would mix loads.
            files.AddRange(SearchChart.DrawAll(context, plotsDirectory));
            files.AddRange(TimelineChart.DrawAll(context, plotsDirectory));
            return files;
        }
        AddIfDrawn(files, LatencyCdfChart.Draw(context, plotsDirectory));
        files.AddRange(SweepChart.DrawAll(context, plotsDirectory));
        // RPO and RTO are measured from the first fault; without one the trade-off has nothing to trade.
        if (results.Runs.Any(r => r.Faults.Count > 0)) AddIfDrawn(files, TradeoffChart.Draw(context, plotsDirectory));
        AddIfDrawn(files, AvailabilityChart.Draw(context, plotsDirectory));
        AddIfDrawn(files, RtoSplitChart.Draw(context, plotsDirectory));
        files.AddRange(TimelineChart.DrawAll(context, plotsDirectory));
        AddIfDrawn(files, MonitoringChart.Draw(context, plotsDirectory));
        return files;
    }

    private static void AddIfDrawn(List<PlotFile> files, PlotFile? file)
    {
        if (file is not null) files.Add(file);
    }
}
