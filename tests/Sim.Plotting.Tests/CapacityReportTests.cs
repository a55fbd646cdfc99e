using Sim.Results;

namespace Sim.Plotting.Tests;

/// <summary>The report's monthly bill and utilisation-threshold sections.</summary>
public sealed class CapacityReportTests
{
    [Fact]
    public void Write_SampleResults_HasTheBillOfEverySweepPoint()
    {
        var report = ReportWriter.Write(SampleResults.Create(), []);

        Assert.Contains("## Monthly bill", report);
        Assert.Contains("| point | architecture | links.a/b.rtt | monthly bill (USD/month) | monthly bill: instances (USD/month) |", report);
        var section = report[report.IndexOf("## Monthly bill", StringComparison.Ordinal)..report.IndexOf("## Utilisation thresholds", StringComparison.Ordinal)];
        var rows = section.Split('\n').Where(l => l.Length > 3 && l.StartsWith("| ", StringComparison.Ordinal) && char.IsDigit(l[2])).ToList();
        Assert.Equal(["| 0 | stretched-cluster | 2ms |", "| 5 | active-passive-mm2 | 40ms |"], new[] { rows[0], rows[^1] }.Select(l => string.Join(" |", l.Split(" |").Take(3)) + " |"));
        Assert.Equal(6, rows.Count);
    }

    [Fact]
    public void Write_NoBrokerOverAThreshold_SaysSo()
    {
        var report = ReportWriter.Write(SampleResults.Create(), []);

        Assert.Contains("## Utilisation thresholds", report);
        Assert.Contains("No broker went above a threshold in any run.", report);
    }

    [Fact]
    public void Write_BrokersOverThresholds_ListsEachWithItsRunsSecondsAndPeak()
    {
        var sample = SampleResults.Create();
        // Point 1's two runs: broker 2's NIC in over 70 % for 3 s and 5 s; in the second run broker 1's CPU too.
        var runs = sample.Runs.Select(r => r.PointId != 1 ? r : r with
        {
            ThresholdCrossings = r.Replication == 0
                ? [new ThresholdCrossing("main", 2, "nic_in", 0.7, 3, 0.81)]
                : [new ThresholdCrossing("main", 1, "cpu", 0.7, 2, 0.75), new ThresholdCrossing("main", 2, "nic_in", 0.7, 5, 0.92)],
        }).ToList();

        var report = ReportWriter.Write(sample with { Runs = runs }, []);

        Assert.DoesNotContain("No broker went above a threshold", report);
        Assert.Contains("| 1 | stretched-cluster | 10ms | main broker 1 | cpu > 70 % | 1 of 2 | 2 | 75 % |", report);
        Assert.Contains("| 1 | stretched-cluster | 10ms | main broker 2 | nic_in > 70 % | 2 of 2 | 4 | 92 % |", report);
    }
}
