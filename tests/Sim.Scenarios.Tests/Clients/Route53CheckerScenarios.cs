using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Clients;

/// <summary>
/// Route 53 checks a DNS name's endpoints from checkers in several regions and counts an endpoint healthy while more
/// than 18 % of them pass it. Source: Route 53 Developer Guide, "How Amazon Route 53 determines whether a health check
/// is healthy" ("If more than 18% of health checkers report that an endpoint is healthy, Route 53 considers it healthy
/// ... This prevents an endpoint from being considered unhealthy only because network conditions have isolated the
/// endpoint from some health-checking locations"). Three checkers, one per AZ; az1's broker is cut off from some of them
/// from 30 s.
/// </summary>
public class Route53CheckerScenarios(ITestOutputHelper output)
{
    private const string Yaml = """
        name: route53-checkers
        model: models/three-az.yaml
        seed: 3
        duration: 120s
        warmup: 5s
        architectures:
          stretch:
            sites: [az1, az2, az3]
            brokers_per_site: 1
            controllers: { az1: 1, az2: 1, az3: 1 }
            broker: { offsets.topic.num.partitions: 1 }
            access: { kind: dns, health.check.regions: [az1, az2, az3], health.check.interval: 10s, bootstrap.interval: 2s }
        topics:
          orders: { partitions: 3, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: az3, topic: orders, rate: 50/s, keys: 100, config: { acks: all } }
        faults:
          - { at: 30s, kind: network-partition, target: stretch-broker-1, to: [CHECKERS], duration: 200s }
        """;

    /// <summary>az1's broker cut off from the given checkers' nodes: the checkers that failed it, and Route 53's verdicts on it.</summary>
    private (int FailedCheckers, int TakenOut, double? TakenOutAtS) CutFrom(params string[] zones)
    {
        var o = Scenario.Run(Yaml.Replace("CHECKERS", string.Join(", ", zones.Select(z => $"client-{z}")), StringComparison.Ordinal));
        var layer = o.Run.AccessLayers.Values.Single();
        int broker = o.Run.Cluster("stretch").Context.BrokerIds[0];
        Assert.Equal(3, layer.Checks.Count);
        int failed = layer.Checks.Count(c => c.Check.Changes.Any(ch => ch.Broker == broker && !ch.Healthy));
        var outs = layer.Changes.Where(c => c.Broker == broker && !c.Healthy).ToList();
        output.WriteLine($"cut from [{string.Join(", ", zones)}]: {failed} of 3 checkers fail az1's broker; Route 53 takes it out {outs.Count} time(s)"
            + (outs.Count > 0 ? $", at {outs[0].At.TotalSeconds - 30:0.0} s after the cut" : ""));
        return (failed, outs.Count, outs.Count > 0 ? outs[0].At.TotalSeconds : null);
    }

    [Fact]
    public void AnEndpointCutOffFromOneCheckerRegion_StaysInTheAnswer()
    {
        var (failed, takenOut, _) = CutFrom("az2");
        Assert.Equal(1, failed);
        Assert.Equal(0, takenOut);
    }

    [Fact]
    public void AnEndpointStillPassedByOneCheckerInThree_StaysInTheAnswer_Since33PercentIsMoreThan18()
    {
        var (failed, takenOut, _) = CutFrom("az2", "az3");
        Assert.Equal(2, failed);
        Assert.Equal(0, takenOut);
    }

    [Fact]
    public void AnEndpointCutOffFromEveryCheckerRegion_IsTakenOutOfTheAnswer()
    {
        var (failed, takenOut, at) = CutFrom("az1", "az2", "az3");
        Assert.Equal(3, failed);
        Assert.Equal(1, takenOut);
        // Three failed checks 10 s apart, the last concluded by the 10 s TCP timeout.
        Assert.InRange(at!.Value - 30, 2 * 10 + 10 - 0.01, 3 * 10 + 10 + 0.01);
    }
}
