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
    /// <summary>
    /// Draws the charts, up to <paramref name="jobs"/> at a time (each chart is its own plot and its own file, so the
    /// files and the list are the same at any count; 0 for one per core).
    /// </summary>
    public static IReadOnlyList<PlotFile> Draw(ExperimentResults results, string plotsDirectory, int jobs = 0)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentException.ThrowIfNullOrEmpty(plotsDirectory);
        if (results.Runs.Count == 0) return [];

        Directory.CreateDirectory(plotsDirectory);
        var drawers = Drawers(new ChartContext(results), plotsDirectory);
        var drawn = new PlotFile?[drawers.Count];
        try
        {
            Parallel.For(0, drawers.Count, new ParallelOptions { MaxDegreeOfParallelism = jobs > 0 ? jobs : Environment.ProcessorCount }, i => drawn[i] = drawers[i]());
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // The caller sees what a serial draw would have thrown (an IOException when the directory cannot be written).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        return drawn.OfType<PlotFile>().ToList();
    }

    /// <summary>Every chart to draw, in the report's order; a drawer returns null when its chart has nothing to show.</summary>
    private static List<Func<PlotFile?>> Drawers(ChartContext context, string plotsDirectory)
    {
        var results = context.Results;
        var drawers = new List<Func<PlotFile?>>();
        if (results.Search is not null)
        {
            // A search's summary rows are its probes, at loads the search chose: the hockey stick says what the
            // per-point charts would, and the distribution, trade-off and availability charts would mix loads.
            var search = SearchChart.DrawAll(context, plotsDirectory);
            drawers.AddRange(search.Select(f => (Func<PlotFile?>)(() => f)));
            drawers.AddRange(TimelineChart.Drawers(context, plotsDirectory));
            return drawers;
        }
        drawers.Add(() => LatencyCdfChart.Draw(context, plotsDirectory));
        drawers.AddRange(SweepChart.Drawers(context, plotsDirectory));
        // RPO and RTO are measured from the first fault; without one the trade-off has nothing to trade.
        if (results.Runs.Any(r => r.Faults.Count > 0)) drawers.Add(() => TradeoffChart.Draw(context, plotsDirectory));
        drawers.Add(() => AvailabilityChart.Draw(context, plotsDirectory));
        drawers.Add(() => RtoSplitChart.Draw(context, plotsDirectory));
        drawers.AddRange(TimelineChart.Drawers(context, plotsDirectory));
        drawers.Add(() => MonitoringChart.Draw(context, plotsDirectory));
        return drawers;
    }
}
