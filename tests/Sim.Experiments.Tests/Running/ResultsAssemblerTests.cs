using Sim.Experiments.Running;
using Sim.Experiments.Tests.Support;
using Sim.Results;

namespace Sim.Experiments.Tests.Running;

/// <summary>
/// Assembling an output directory's results: runs in run-id order, their summary, and the run whose
/// failure timeline is drawn, which is <c>outputs.timeline</c> when that run kept its time series, else the
/// first run that kept one and had a fault, else the first that kept one.
/// </summary>
public sealed class ResultsAssemblerTests
{
    private static readonly TimeseriesPoint[] Series = [new(1, 10, 10, 0, 10, 0, 0, 3, 0, double.NaN, 0, 0)];
    private static readonly FaultInterval[] OneFault = [new("site-outage", "a", 30, 60)];

    private static ExperimentInfo Info(int? timeline) =>
        new("t", null, "t.yaml", "model.yaml", "hash", 1, [], 1, 4, timeline, ["setup"], ["note"]);

    private static RunRecord Run(int id, bool series, bool fault) =>
        RunRecords.Of(id, pointId: id, faults: fault ? OneFault : [], timeseries: series ? Series : null);

    [Fact]
    public void Assemble_Runs_AreOrderedByIdAndSummarisedPerPoint()
    {
        var results = ResultsAssembler.Assemble(Info(null), [Run(2, false, false), Run(0, false, false), Run(1, false, false)]);

        Assert.Equal([0, 1, 2], results.Runs.Select(r => r.RunId));
        Assert.Equal([0, 1, 2], results.Summary.Select(s => s.PointId));
        Assert.Equal(["setup"], results.Setup);
        Assert.Equal(["note"], results.Notes);
    }

    [Fact]
    public void Assemble_TimelineRunThatKeptItsSeries_IsTheTimeline()
    {
        var results = ResultsAssembler.Assemble(Info(timeline: 2), [Run(0, true, true), Run(1, true, false), Run(2, true, false)]);

        Assert.Equal(2, results.TimelineRun);
    }

    [Fact]
    public void Assemble_TimelineRunWithoutItsSeries_FallsBackToTheFirstRunWithASeriesAndAFault()
    {
        var results = ResultsAssembler.Assemble(Info(timeline: 0), [Run(0, false, true), Run(1, true, false), Run(2, true, true), Run(3, true, true)]);

        Assert.Equal(2, results.TimelineRun);
    }

    [Fact]
    public void Assemble_NoRunWithAFault_TakesTheFirstRunWithASeries()
    {
        var results = ResultsAssembler.Assemble(Info(null), [Run(0, false, false), Run(1, true, false), Run(2, true, false)]);

        Assert.Equal(1, results.TimelineRun);
    }

    [Fact]
    public void Assemble_NoRunWithASeries_HasNoTimeline()
    {
        var results = ResultsAssembler.Assemble(Info(null), [Run(0, false, true)]);

        Assert.Null(results.TimelineRun);
    }
}
