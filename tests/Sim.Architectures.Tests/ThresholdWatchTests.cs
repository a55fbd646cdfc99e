using Sim.Architectures.Metrics;

namespace Sim.Architectures.Tests;

/// <summary>Which brokers' intervals went over the seed's thresholds, and only after the warm-up.</summary>
public class ThresholdWatchTests
{
    private static BrokerUtilisation S(double t, int broker, double cpu = 0.1, double nicIn = 0.1, double memory = 0.2, double disk = 0.1) =>
        new(t, "main", broker, cpu, memory, nicIn, 0.1, 0, 0, disk, 1);

    [Fact]
    public void Crossings_BelowEveryThreshold_FlagNothing()
    {
        var samples = Enumerable.Range(1, 10).SelectMany(t => new[] { S(t, 1, cpu: 0.70, nicIn: 0.70, memory: 0.80, disk: 0.60), S(t, 2) });

        Assert.Empty(ThresholdWatch.Crossings(samples, fromS: 0, intervalS: 1));
    }

    [Fact]
    public void Crossings_OverForSomeIntervals_NameTheBrokerResourceSecondsAndPeak()
    {
        var samples = new[]
        {
            S(1, 1), S(1, 2, nicIn: 0.75),
            S(2, 1, cpu: 0.9), S(2, 2, nicIn: 0.95),
            S(3, 1, cpu: 0.8), S(3, 2),
        };

        var found = ThresholdWatch.Crossings(samples, fromS: 0, intervalS: 1);

        Assert.Equal(
            [new ThresholdBreach("main", 1, "cpu", 0.70, 2, 0.9), new ThresholdBreach("main", 2, "nic_in", 0.70, 2, 0.95)],
            found);
    }

    [Fact]
    public void Crossings_DuringTheWarmup_AreNotCounted()
    {
        // Intervals ending at 1 s and 2 s lie in a 2 s warm-up; the one ending at 3 s is measured.
        var samples = new[] { S(1, 1, disk: 1), S(2, 1, disk: 1), S(3, 1, disk: 0.7) };

        var found = Assert.Single(ThresholdWatch.Crossings(samples, fromS: 2, intervalS: 1));

        Assert.Equal(("disk", 1.0, 0.7), (found.Resource, found.Seconds, found.Peak));
    }
}
