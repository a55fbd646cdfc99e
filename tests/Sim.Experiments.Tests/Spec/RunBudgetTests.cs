using Sim.Experiments.Running;
using Sim.Experiments.Spec;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// Budgets derived before anything is built or run: each refusal names the file, the line, the key and
/// the limits key that raises it, and that key is accepted by --set; what a run would reject, loading
/// rejects first.
/// </summary>
public sealed class RunBudgetTests
{
    [Fact]
    public void GridOfAThousandCubed_IsRefusedFromItsAxesLengths_BeforeAnyPointIsBuilt()
    {
        string Axis(string key) => $"    {key}: [{string.Join(", ", Enumerable.Range(1, 1000).Select(i => $"{i}us"))}]\n";
        var yaml = Minimal + "\nsweep:\n  grid:\n" + Axis("network.links.a/b.rtt") + Axis("network.links.a/c.rtt") + Axis("network.links.b/c.rtt");
        var d = Expect(yaml, "1000 x 1000 x 1000 = 1000000000 points, more than limits.points (10000)", key: "sweep", line: LineOf(yaml, "sweep:"));
        Assert.Contains("--set limits.points=N", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunsPastTheLimit_NameLimitsRuns_AndTheLimitCanBeRaised()
    {
        var yaml = Minimal + "\nreplications: 4\nsweep:\n  grid:\n    topics.orders.partitions: [3, 6]\n";
        Find(Fail(yaml, "limits.runs=7"), "2 points x 4 replications = 8 runs, more than limits.runs (7)", key: "sweep");
        Assert.Equal(8, Load(yaml, "limits.runs=8").TotalRuns);
        Assert.Equal(8, Load(yaml + "limits:\n  runs: 8\n").TotalRuns);
    }

    [Fact]
    public void TimeseriesIntervalOfAMicrosecond_IsRefusedByTheSampleBudget()
    {
        var yaml = Minimal + "\noutputs:\n  timeseries.interval: 1us\n";
        Expect(yaml, "60000000 time-series rows, more than limits.timeseries_samples (1000000)", key: "outputs.timeseries.interval", line: LineOf(yaml, "timeseries.interval"));
        Load(Minimal + "\noutputs:\n  timeseries: none\n  timeseries.interval: 1us\n");
    }

    [Fact]
    public void StochasticFaultsEveryMillisecondForAWeek_AreRefusedByTheFaultWindowBudget()
    {
        var yaml = Minimal.Replace("duration: 1m", "duration: 168h", StringComparison.Ordinal) +
                   "\nfaults:\n  stochastic:\n    - { class: broker, mtbf: 1ms, mttr: 1s }\n";
        Expect(yaml, "more than limits.fault_windows (10000)", key: "faults.stochastic.0.mtbf", line: LineOf(yaml, "mtbf"));
    }

    [Fact]
    public void RateOfATrillionPerSecond_IsRefusedAtTheRate()
    {
        var yaml = Minimal.Replace("rate: 100/s", "rate: 1e12/s", StringComparison.Ordinal);
        Expect(yaml, "more than limits.records_per_second", key: "workload.producers.0.rate", line: LineOf(yaml, "rate:"));
        Load(yaml, "limits.records_per_second=1e13");
    }

    [Fact]
    public void ABillionKeys_AreRefusedBeforeTheyAreHashed()
    {
        var yaml = Minimal.Replace("rate: 100/s", "rate: 100/s, keys: 1000000000", StringComparison.Ordinal);
        Expect(yaml, "1000000000 keys is more than limits.keys (1000000)", key: "workload.producers.0.keys", line: LineOf(yaml, "keys:"));
    }

    [Theory]
    [InlineData("faults:\n  - { at: -5s, kind: broker-crash, target: stretch-broker-1 }\n", "faults.0.at", "cannot be negative")]
    [InlineData("faults:\n  - { at: 5s, kind: link-degradation, target: a, to: b, delay: -5ms }\n", "faults.0.delay", "cannot be negative")]
    [InlineData("faults:\n  - { at: 5s, kind: link-degradation, target: a, to: b, jitter: -2ms }\n", "faults.0.jitter", "is negative")]
    [InlineData("faults:\n  - { at: 5s, kind: slow-disk, target: stretch-broker-1, latency: -1ms }\n", "faults.0.latency", "cannot be negative")]
    [InlineData("faults:\n  stochastic:\n    - { class: broker, mtbf: 1h, mttr: -1s }\n", "faults.stochastic.0.mttr", "is negative")]
    [InlineData("warmup: -5s\n", "warmup", "cannot be negative")]
    [InlineData("network:\n  links:\n    a/b: { jitter: -1ms }\n", "network.links.a/b.jitter", "is negative")]
    public void NegativeTimes_AreRefusedAtTheirKey(string section, string key, string message)
    {
        var yaml = Minimal + "\n" + section;
        Expect(yaml, message, key: key);
    }

    [Theory]
    [InlineData("start: -3s", "workload.producers.0.start")]
    [InlineData("stop: -3s", "workload.producers.0.stop")]
    [InlineData("bursts: [{ at: -1s, duration: 1s, factor: 2 }]", "workload.producers.0.bursts.0.at")]
    public void NegativeProducerTimes_AreRefusedAtTheirKey(string field, string key)
    {
        var yaml = Minimal.Replace("rate: 100/s", $"rate: 100/s, {field}", StringComparison.Ordinal);
        Expect(yaml, "cannot be negative", key: key, line: LineOf(yaml, "rate:"));
    }

    [Fact]
    public void RecordSizeOfATebibyte_IsRefused()
    {
        var yaml = Minimal.Replace("rate: 100/s", "rate: 100/s, record.size: 1TiB", StringComparison.Ordinal);
        Expect(yaml, "more than the largest record the simulator takes (1GiB", key: "workload.producers.0.record.size");
    }

    [Fact]
    public void ClockSkewOffset_MayStillBeNegative()
    {
        Load(Minimal + "\nfaults:\n  - { at: 5s, kind: clock-skew, target: a, offset: -2s }\n");
    }

    [Fact]
    public void LimitKeys_AreCheckedLikeAnyKey_AndCannotBeSwept()
    {
        Expect(Minimal + "\nlimits:\n  run: 5\n", "unknown key 'run'", key: "limits.run");
        Expect(Minimal + "\nlimits:\n  runs: -5\n", "not a whole number of 1 or more", key: "limits.runs");
        Expect(Minimal + "\nsweep:\n  grid:\n    limits.runs: [1, 2]\n", "'limits.runs' cannot be swept", key: "sweep");
    }

    [Fact]
    public void EventCap_IsDerivedFromTheRunsSize_AndWrittenCapsWin()
    {
        var derived = Load(Minimal);
        var (cap, source) = derived.EventCap(derived.Points[0]);
        Assert.Equal(derived.Run(0).Options.EventCap, cap);
        Assert.True(cap >= RunLimits.MinEvents);
        Assert.Contains("limits.events is auto", source, StringComparison.Ordinal);
        var week = Load(Minimal.Replace("duration: 1m", "duration: 168h", StringComparison.Ordinal));
        Assert.True(week.EventCap(week.Points[0]).Cap > cap);
        Assert.Equal(1234, Load(Minimal, "limits.events=1234").Run(0).Options.EventCap);
    }

    [Fact]
    public void RunReachingItsEventCap_FailsWithAMessageNamingTheSetOptionThatRaisesIt()
    {
        var d = Load(Minimal, "limits.events=1000");
        var e = Assert.Throws<RunBudgetExceededException>(() => RunExecutor.Execute(d.Run(0)));
        Assert.Contains("event cap of 1,000 events", e.Message, StringComparison.Ordinal);
        Assert.Contains("--set limits.events=2000", e.Message, StringComparison.Ordinal);
        // The key the message names is one --set accepts.
        Assert.Equal(2000, Load(Minimal, "limits.events=2000").Run(0).Options.EventCap);
    }

    [Fact]
    public void RunPastItsWallClockBudget_FailsWithAMessageNamingTheKey()
    {
        var d = Load(Minimal, "limits.wall_clock=1ns");
        var e = Assert.Throws<RunBudgetExceededException>(() => RunExecutor.Execute(d.Run(0)));
        Assert.Contains("--set limits.wall_clock=", e.Message, StringComparison.Ordinal);
        Assert.True(Load(Minimal).Run(0).WallClock >= TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void RaisingALimit_KeepsTheExperimentsHash_SoStoredRunsStayResumable()
    {
        Assert.Equal(Load(Minimal).Hash, Load(Minimal, "limits.events=99999999").Hash);
        Assert.NotEqual(Load(Minimal).Hash, Load(Minimal, "seed=2").Hash);
    }
}
