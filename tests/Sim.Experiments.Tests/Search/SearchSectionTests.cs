using Sim.Experiments.Tests.Support;

namespace Sim.Experiments.Tests.Search;

/// <summary>The <c>search:</c> section is checked whole at load, each problem on its own line and key.</summary>
public sealed class SearchSectionTests
{
    private static string With(string search) => ExperimentFiles.Minimal + "\nsearch:\n" + search;

    private const string Valid = """
          key: workload.producers.0.rate
          min: 100/s
          max: 6400/s
          precision: 0.1
          max_probes: 6
          sla:
            - produce_latency_ms_p99 < 50ms
            - records_failed == 0
        """;

    [Fact]
    public void Load_AValidSearch_BuildsPointsAtMinAndPlansTheProbeBudget()
    {
        var d = ExperimentFiles.Load(With(Valid), "replications=2");
        Assert.NotNull(d.Search);
        Assert.Equal(6 * 2, d.TotalRuns);
        Assert.Equal("workload.producers.0.rate", d.SweptKeys[^1]);
        Assert.Equal("100/s", d.Points[0].Parameters.Single(p => p.Key == d.Search.Key).Value);
        var probe = d.ProbeRun(0, 3, 1, 800);
        Assert.Equal((3 * 2) + 1, probe.RunId);
        Assert.Equal(3, probe.Point.PointId);
        Assert.Equal(800, ExperimentFiles.Producer(probe.Point).Workload!.RecordsPerSecond);
        Assert.Throws<InvalidOperationException>(() => d.Run(0));
    }

    [Fact]
    public void Load_AnUnknownMetric_IsReportedOnItsLineWithAHint()
    {
        var yaml = With(Valid.Replace("produce_latency_ms_p99 < 50ms", "produce_latency_ms_p98 < 50ms", StringComparison.Ordinal));
        var d = ExperimentFiles.Expect(yaml, "no metric 'produce_latency_ms_p98'", "search.sla.0", ExperimentFiles.LineOf(yaml, "p98"));
        Assert.Contains("produce_latency_ms_p99", d.Hint);
    }

    [Fact]
    public void Load_AKeyTheExperimentDoesNotWrite_IsRefused() =>
        ExperimentFiles.Expect(With(Valid.Replace("producers.0.rate", "producers.3.rate", StringComparison.Ordinal)), "is not a value the experiment writes", "search.key");

    [Fact]
    public void Load_MinNotBelowMax_IsRefused()
    {
        var yaml = With(Valid.Replace("max: 6400/s", "max: 100/s", StringComparison.Ordinal));
        ExperimentFiles.Expect(yaml, "must be above min", "search.max", ExperimentFiles.LineOf(yaml, "max: 100/s"));
    }

    [Fact]
    public void Load_MinAndMaxInDifferentUnits_AreRefused() =>
        ExperimentFiles.Expect(With(Valid.Replace("max: 6400/s", "max: 6400/min", StringComparison.Ordinal)), "same unit", "search.max");

    [Fact]
    public void Load_AThresholdWithoutItsUnit_IsRefused() =>
        ExperimentFiles.Expect(With(Valid.Replace("< 50ms", "< 50", StringComparison.Ordinal)), "needs a unit", "search.sla.0");

    [Fact]
    public void Load_ASweptKey_CannotBeSearched()
    {
        var yaml = With(Valid) + "\nsweep:\n  grid:\n    workload.producers.0.rate: [100/s, 200/s]\n";
        ExperimentFiles.Expect(yaml, "is swept", "search.key");
    }

    [Fact]
    public void Load_BadPrecisionBudgetAndJudge_AreEachReported()
    {
        var yaml = With(Valid.Replace("precision: 0.1", "precision: 1.5", StringComparison.Ordinal).Replace("max_probes: 6", "max_probes: 1\n  judge: median", StringComparison.Ordinal));
        var all = ExperimentFiles.Fail(yaml);
        ExperimentFiles.Find(all, "relative precision", "search.precision");
        Assert.Contains(all, d => d.Key == "search.max_probes");
        Assert.Contains(all, d => d.Key == "search.judge");
    }

    [Fact]
    public void Load_ASearchWithoutSla_IsRefused() =>
        ExperimentFiles.Expect(With("  key: workload.producers.0.rate\n  min: 100/s\n  max: 200/s\n"), "a search needs 'sla'", "search");

    [Fact]
    public void Load_AValueTheKeyRejects_IsFoundAtLoad() =>
        Assert.NotEmpty(ExperimentFiles.Fail(With(Valid.Replace("100/s", "100/h", StringComparison.Ordinal).Replace("6400/s", "6400/h", StringComparison.Ordinal))));
}
