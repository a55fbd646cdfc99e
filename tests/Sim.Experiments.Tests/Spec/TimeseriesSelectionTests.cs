using Sim.Core.Time;
using Sim.Experiments.Spec;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// <c>outputs.timeseries</c> decides which runs keep their time series: the first replication of every
/// point (the default), all of them, a list of run ids, or none; the interval and the timeline run are
/// read from the same section.
/// </summary>
public sealed class TimeseriesSelectionTests
{
    // Two points times three replications: run ids 0..5, replication 0 at ids 0 and 3.
    private static string WithOutputs(string outputs) => Minimal + """

        replications: 3
        sweep:
          grid:
            topics.orders.partitions: [1, 2]

        """ + outputs;

    private static int[] Kept(ExperimentDefinition d) =>
        Enumerable.Range(0, d.TotalRuns).Where(id => d.Run(id).KeepTimeseries).ToArray();

    [Fact]
    public void Run_NoOutputsSection_KeepsTheFirstReplicationOfEveryPoint()
    {
        var d = Load(WithOutputs(""));

        Assert.Equal(TimeseriesKeep.FirstReplication, d.Outputs.Timeseries);
        Assert.Equal([0, 3], Kept(d));
    }

    [Theory]
    [InlineData("first-replication", new[] { 0, 3 })]
    [InlineData("all", new[] { 0, 1, 2, 3, 4, 5 })]
    [InlineData("none", new int[0])]
    [InlineData("[1, 5]", new[] { 1, 5 })]
    public void Run_TimeseriesOption_KeepsTheRunsItSelects(string option, int[] expected)
    {
        var d = Load(WithOutputs($"outputs:\n  timeseries: {option}\n"));

        Assert.Equal(expected, Kept(d));
    }

    [Fact]
    public void Load_UnknownTimeseriesOption_ListsTheOptions()
    {
        string yaml = WithOutputs("outputs:\n  timeseries: some\n");

        var diag = Expect(yaml, "unknown value 'some'", key: "outputs.timeseries", line: LineOf(yaml, "timeseries: some"));
        Assert.Equal("expected one of: none, first-replication, all", diag.Hint);
    }

    [Fact]
    public void Load_TimeseriesIntervalAndTimeline_AreRead()
    {
        var d = Load(WithOutputs("outputs:\n  timeseries: all\n  timeseries.interval: 250ms\n  timeline: 4\n"));

        Assert.Equal(SimDuration.FromMilliseconds(250), d.Outputs.TimeseriesInterval);
        Assert.Equal(SimDuration.FromMilliseconds(250), d.Run(0).Options.TimeseriesInterval);
        Assert.Equal(4, d.Outputs.Timeline);
    }
}
