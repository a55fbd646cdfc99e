using Sim.Results;

namespace Sim.Plotting.Tests;

/// <summary>The report's opening verdict, judged from the sample's summary rows against stated targets.</summary>
public sealed class VerdictSectionTests
{
    private static readonly SlaTerm[] Targets =
    [
        new("produce_latency_ms_p99", "<=", 20, "produce_latency_ms_p99 <= 20ms"),
        new("rpo_s", "<=", 0, "rpo_s <= 0"),
        new("availability", ">=", 0.999, "availability >= 0.999"),
    ];

    private static string Report(Func<string, double, double>? adjust = null) =>
        ReportWriter.Write(SampleResults.Create(adjust) with { Targets = Targets }, []);

    [Fact]
    public void Write_WithTargets_OpensWithAHeadlineNamingADesignPerTarget()
    {
        var report = Report();

        Assert.True(report.IndexOf("## What this study shows", StringComparison.Ordinal) < report.IndexOf("## Setup", StringComparison.Ordinal));
        Assert.Contains("| produce latency p99 ≤ 20 ms | meets at 1 of 3 points | meets at all 3 points | **active-passive-mm2** |", report);
        Assert.Contains("| RPO ≤ 0 s | meets at all 3 points | misses at all 3 points | **stretched-cluster** |", report);
        Assert.Contains("| availability ≥ 0.999 | meets at 2 of 3 points | misses at all 3 points | stretched-cluster (at 2 of 3 points) |", report);
    }

    [Fact]
    public void Write_WithTargets_GivesEachPointsFigureWithItsIntervalAndVerdict()
    {
        var report = Report();

        Assert.Contains("| stretched-cluster | 2ms | 9.8 ± 5.1 | meets |", report);
        Assert.Contains("| stretched-cluster | 40ms | 93.4 ± 5.1 | **misses** |", report);
        Assert.Contains("| active-passive-mm2 | 2ms | 1.69 ± 1.91 | misses (interval reaches the target) |", report);
    }

    [Fact]
    public void Write_WithTargets_NamesTheKnobThatMovesTheMetric()
    {
        var report = Report();

        Assert.Contains("- stretched-cluster: `links.a/b.rtt` moves it most, from 9.8 ms at 2ms to 93.4 ms at 40ms.", report);
        Assert.Contains("- active-passive-mm2: no swept key moves it beyond the noise of its replications.", report);
    }

    [Fact]
    public void Write_OverlappingIntervals_WarnThatReplicationsCannotSeparateTheDesigns()
    {
        var report = Report();

        Assert.Contains("- **Too few replications:** stretched-cluster and active-passive-mm2 at rtt=2ms", report);
        Assert.Contains("raise `replications` (now 2) to separate them.", report);
    }

    [Fact]
    public void Write_AnIntervalStraddlingTheTarget_IsSaidToBeUnsettled()
    {
        // Availability 0.99941 ± 0.00064 at 2ms straddles 0.9995.
        var report = ReportWriter.Write(SampleResults.Create() with { Targets = [new("availability", ">=", 0.9995, "availability >= 0.9995")] }, []);

        Assert.Contains("(interval reaches", report);
        Assert.Contains("the 95% interval straddles the target", report);
    }

    [Fact]
    public void Write_WithoutCostColumn_SaysCostIsNotMeasured() =>
        Assert.Contains("Not measured: these results have no `cost_month_usd` column.", Report());

    [Fact]
    public void Write_WithoutTargets_SaysNoDesignIsJudged()
    {
        var report = ReportWriter.Write(SampleResults.Create(), []);

        Assert.Contains("The experiment states no targets", report);
        Assert.DoesNotContain("design that meets it", report);
    }

    [Fact]
    public void Write_AMissedTarget_SaysWhyFromTheMeasuredParts()
    {
        var report = Report();

        // The stretched cluster misses 20 ms at 40 ms RTT; the sample measures no broker utilisation, so the why
        // gives the median beside the missed tail.
        Assert.Contains("- **Why stretched-cluster misses at rtt=40ms:** p50 ", report);
        Assert.DoesNotContain("- **Why stretched-cluster misses at rtt=2ms:**", report);
    }

    [Fact]
    public void Why_TheProducerRto_NamesItsLargestPart()
    {
        var row = new SummaryRow(0, "active-passive", [], 1,
        [
            new("rto_s", 23.5, 0, 1), new("rto_detection_s", 12, 0, 1), new("rto_election_s", 0, 0, 1),
            new("rto_propagation_s", 0.1, 0, 1), new("rto_redirection_s", 11.4, 0, 1), new("rto_recovered", 1, 0, 1),
        ]);

        var why = TargetMisses.Why("rto_s", row);

        Assert.StartsWith("producer RTO 23.50 s: detection 12.00 s, election 0.00 s, metadata propagation and client retries 0.10 s, redirection to the standby 11.40 s", why);
        Assert.Contains("detection is the largest part (broker.session.timeout.ms", why);
        Assert.DoesNotContain("never wrote again", why);
    }

    [Fact]
    public void Why_RecordsStrandedByAMirroredFailover_GiveTheRpoWhenNoHotTierIsMeasured()
    {
        // Active-active and active-passive measure rpo_s only; rpo_hot_s belongs to tiered storage with DR.
        var row = new SummaryRow(0, "active-active", [], 1,
        [
            new("acked_records_lost", 4, 0, 1), new("acked_records_lost_permanent", 1, 0, 1),
            new("acked_records_lost_failover", 3, 0, 1), new("rpo_s", 0.084, 0, 1),
        ]);

        var why = TargetMisses.Why("rpo_s", row);

        Assert.Contains("MirrorMaker 2 was 0.08 s behind at the fault", why);
        Assert.DoesNotContain("n/a", why);
    }

    [Fact]
    public void Why_AMissedLatencyTail_NamesItsPercentileBesideTheMedian()
    {
        var row = new SummaryRow(0, "stretch", [], 1,
            [new("produce_latency_ms_p50", 41.1, 0, 1), new("produce_latency_ms_p99", 128.6, 0, 1)]);

        var why = TargetMisses.Why("produce_latency_ms_p99", row);

        Assert.StartsWith("p50 41.1 ms, p99 128.6 ms", why);
    }

    [Fact]
    public void Find_ListsOnlyTheMissedPairs()
    {
        var results = SampleResults.Create() with { Targets = [new("produce_latency_ms_p99", "<=", 20, "produce_latency_ms_p99 <= 20ms")] };

        var misses = TargetMisses.Find(results);

        Assert.Equal(results.Summary.Count(r => r.Metric("produce_latency_ms_p99")!.Mean > 20), misses.Count);
        Assert.All(misses, m => Assert.Equal("produce_latency_ms_p99", m.Target.Metric));
        Assert.NotEmpty(misses);
    }
}
