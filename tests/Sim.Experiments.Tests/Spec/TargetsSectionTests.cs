using Sim.Experiments.Tests.Support;

namespace Sim.Experiments.Tests.Spec;

/// <summary>The <c>targets:</c> section: metric names from the catalogue, thresholds in the metric's unit, each problem on its own line and key.</summary>
public sealed class TargetsSectionTests
{
    private static string With(string targets) => ExperimentFiles.Minimal + "\ntargets:\n" + targets;

    private const string Valid = """
          produce_latency_ms_p99: 50ms
          rpo_s: 0
          rto_s: 1m
          availability: 0.999
          e2e_latency_ms_p99: 250
        """;

    [Fact]
    public void Load_ValidTargets_AreUpperBoundsExceptWhereMoreIsBetter()
    {
        var d = ExperimentFiles.Load(With(Valid));

        Assert.Equal(["produce_latency_ms_p99 <= 50ms", "rpo_s <= 0", "rto_s <= 1m", "availability >= 0.999", "e2e_latency_ms_p99 <= 250"], d.Targets.Select(t => t.Text));
        Assert.Equal([50, 0, 60, 0.999, 250], d.Targets.Select(t => t.Threshold));
    }

    [Fact]
    public void Load_NoTargets_LeavesNone() => Assert.Empty(ExperimentFiles.Load(ExperimentFiles.Minimal).Targets);

    [Fact]
    public void Load_AnUnknownMetric_IsReportedOnItsLineWithAHint()
    {
        var yaml = With(Valid.Replace("produce_latency_ms_p99", "produce_latency_ms_p98", StringComparison.Ordinal));
        var d = ExperimentFiles.Expect(yaml, "unknown key 'produce_latency_ms_p98'", "targets.produce_latency_ms_p98", ExperimentFiles.LineOf(yaml, "p98"));
        Assert.Contains("produce_latency_ms_p99", d.Hint);
    }

    [Fact]
    public void Load_AThresholdInTheWrongUnit_IsReportedOnItsLine()
    {
        var yaml = With(Valid.Replace("rpo_s: 0", "rpo_s: 5GB", StringComparison.Ordinal));
        ExperimentFiles.Expect(yaml, "rpo_s is in s", "targets.rpo_s", ExperimentFiles.LineOf(yaml, "5GB"));
    }

    [Fact]
    public void Load_TargetsCannotBeSwept() =>
        ExperimentFiles.Expect(ExperimentFiles.Minimal + "\ntargets: { rpo_s: 0 }\nsweep:\n  grid:\n    targets.rpo_s: [0, 1]\n", "'targets.rpo_s' cannot be swept", "sweep");
}
