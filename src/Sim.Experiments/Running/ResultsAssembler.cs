using Sim.Experiments.Search;
using Sim.Results;

namespace Sim.Experiments.Running;

/// <summary>Builds the results of an output directory from its experiment and its runs: summary rows, the run whose timeline is drawn, and the outcome of each sweep point's capacity search.</summary>
public static class ResultsAssembler
{
    public static ExperimentResults Assemble(ExperimentInfo info, IReadOnlyList<RunRecord> runs)
    {
        var ordered = runs.OrderBy(r => r.RunId).ToList();
        int? timeline = info.Timeline is { } t && ordered.Any(r => r.RunId == t && r.Timeseries is not null)
            ? t
            : (ordered.FirstOrDefault(r => r.Timeseries is not null && r.Faults.Count > 0) ?? ordered.FirstOrDefault(r => r.Timeseries is not null))?.RunId;
        return new ExperimentResults(info.Name, info.Description, info.Model, info.SweptKeys, info.Replications, info.TotalRuns, ordered, Summarizer.Summarize(ordered))
        {
            TimelineRun = timeline,
            Setup = info.Setup,
            Notes = info.Notes,
            Search = info.Search,
            Targets = info.Targets ?? [],
            Searches = info.Search is { } search ? SearchReplay.Outcomes(SearchSpec.Of(search), info.Replications, info.SweepPoints, ordered) : [],
        };
    }
}
