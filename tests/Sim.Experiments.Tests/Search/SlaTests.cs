using Sim.Experiments.Search;
using Sim.Results;

namespace Sim.Experiments.Tests.Search;

public sealed class SlaTests
{
    [Theory]
    [InlineData("produce_latency_ms_p99 < 50ms", "<", 50)]
    [InlineData("produce_latency_ms_p99<=0.05s", "<=", 50)]
    [InlineData("records_failed == 0", "==", 0)]
    [InlineData("availability >= 0.999", ">=", 0.999)]
    [InlineData("rto_s > 1500ms", ">", 1.5)]
    [InlineData("cross_zone_gb < 500MB", "<", 0.5)]
    public void Parse_APredicate_ReadsTheThresholdInTheMetricsUnit(string text, string op, double threshold)
    {
        var (term, error, _) = SlaParser.Parse(text);
        Assert.True(term is not null, error);
        Assert.Equal(op, term.Op);
        Assert.Equal(threshold, term.Threshold, 9);
    }

    [Theory]
    [InlineData("produce_latency_ms_p99 < 50", "needs a unit")]
    [InlineData("records_failed == 0ms", "bare number")]
    [InlineData("produce_latency_p99 < 50ms", "no metric 'produce_latency_p99'")]
    [InlineData("produce_latency_ms_p99 50ms", "is not a predicate")]
    public void Parse_AWrongPredicate_SaysWhy(string text, string fragment)
    {
        var (term, error, _) = SlaParser.Parse(text);
        Assert.Null(term);
        Assert.Contains(fragment, error);
    }

    [Fact]
    public void Holds_JudgedPessimistically_UsesTheWorseEndOfTheInterval()
    {
        var term = SlaParser.Parse("produce_latency_ms_p99 < 50ms").Term!;
        var summary = new MetricSummary("produce_latency_ms_p99", 45, 8, 3);
        Assert.True(SlaCheck.Holds(term, summary, SlaJudge.Mean));
        Assert.False(SlaCheck.Holds(term, summary, SlaJudge.Pessimistic));
    }

    [Fact]
    public void Holds_AnUnmeasuredMetric_BreaksThePredicate() =>
        Assert.False(SlaCheck.Holds(SlaParser.Parse("produce_latency_ms_p99 < 50ms").Term!, new MetricSummary("produce_latency_ms_p99", double.NaN, double.NaN, 0), SlaJudge.Mean));
}
