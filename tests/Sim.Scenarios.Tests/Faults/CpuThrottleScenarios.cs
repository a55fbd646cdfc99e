using Sim.Results;
using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.Faults;

/// <summary>
/// CPU throttling (seed 003, chaos level 1): CPU-bound processes beside a broker on its two-core host, from
/// 20 s to the end of the run. The broker's threads queue behind them for a core, so the leader's produce
/// latency rises and its host reads busy; with one hog a core is left free most of the time and the effect is
/// smaller.
/// </summary>
public class CpuThrottleScenarios(ITestOutputHelper output)
{
    private static string Yaml(int hogs) => $$"""
        name: cpu-throttle
        model: models/three-metro-dcs.yaml
        seed: 9
        duration: 60s
        warmup: 20s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            hardware: { instance: m6i.large }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 3, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 2000/s, keys: 100, config: { acks: all } }
        """ + (hogs == 0 ? "" : $$"""

        faults:
          - { at: 20s, kind: cpu-throttle, target: stretch-broker-1, cores: {{hogs}} }
        """);

    /// <summary>
    /// Source: the fault follows stress-ng's <c>--cpu N</c> and Chaos Mesh's StressChaos (N workers each spinning
    /// on a core); the kernel shares the cores between them and the broker's network, request-handler and
    /// replica-fetcher threads. Kafka's request latency has a local part (RequestMetrics' RequestQueueTimeMs and
    /// LocalTimeMs) that grows when those threads wait for a CPU.
    /// </summary>
    [Fact]
    public void HogsBesideABroker_RaiseItsLatencyAndItsHostsCpu_MoreHogsMore()
    {
        var none = Scenario.Run(Yaml(0));
        var one = Scenario.Run(Yaml(1));
        var two = Scenario.Run(Yaml(2));
        double P99(Outcome o) => o.Result.Metric(MetricCatalog.ProduceLatencyP99);
        double Cpu(Outcome o) => o.Result.Metric(MetricCatalog.BrokerCpuUtilMax);
        output.WriteLine($"p99 {F(P99(none))} / {F(P99(one))} / {F(P99(two))} ms; cpu {F(Cpu(none))} / {F(Cpu(one))} / {F(Cpu(two))}");

        Assert.True(Cpu(none) < 0.3, $"unthrottled cpu {Cpu(none)}");
        Assert.True(Cpu(one) > 0.45 && Cpu(two) > 0.95, $"cpu {Cpu(one)} / {Cpu(two)}");
        // Two hogs on two cores: every request waits behind 10 ms slices.
        Assert.True(P99(two) > P99(none) + 10, $"p99 {P99(none)} -> {P99(two)}");
        Assert.True(P99(two) > P99(one), $"p99 one hog {P99(one)}, two {P99(two)}");
        Assert.Equal(0, one.Result.Metric(MetricCatalog.AckedRecordsLost));
    }
}
