using Sim.Core.Time;
using Sim.Kafka.Access;
using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Clients;

/// <summary>
/// How new clients find a cluster when one zone goes dark, through each access layer. One broker per AZ of a
/// three-AZ stretch cluster; az1 goes dark at 30 s; a new client starts in az2 every 2 s. Sources: Elastic
/// Load Balancing "Health checks for target groups" (a target is unhealthy after UnhealthyThresholdCount
/// consecutive failed checks, HealthCheckIntervalSeconds apart); Route 53 "How Amazon Route 53 determines
/// whether a health check is healthy" and record TTLs; java.net.InetAddress <c>networkaddress.cache.ttl</c>;
/// Kafka NetworkClient (bootstrap.servers, socket.connection.setup.timeout.ms, client.dns.lookup).
/// </summary>
public class AccessLayerScenarios(ITestOutputHelper output)
{
    private const string Yaml = """
        name: access-layer
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
            access: { kind: load_balancer, health.check.interval: 10s, health.check.timeout: 5s, unhealthy.threshold: 3, bootstrap.interval: 2s }
        topics:
          orders: { partitions: 3, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: az2, topic: orders, rate: 50/s, keys: 100, config: { acks: all } }
        faults:
          - { at: 30s, kind: site-outage, target: az1, duration: 200s }
        """;

    private static readonly SimTime Outage = SimTime.Zero + SimDuration.FromSeconds(30);

    private static Outcome Run(params string[] sets) => Scenario.Run(Yaml, 0, sets);

    private static (AccessLayer Layer, BootstrapClient Client) Access(Outcome o) =>
        (o.Run.AccessLayers.Values.Single(), o.Run.BootstrapClients.Single());

    /// <summary>Source: ELB target group health checks (UnhealthyThresholdCount x HealthCheckIntervalSeconds, plus the check's timeout).</summary>
    [Fact]
    public void LoadBalancerRoutesNewConnectionsToTheLostZoneUntilItsHealthChecksFailThresholdTimes()
    {
        var o = Run();
        var (layer, client) = Access(o);
        var takenOut = layer.Changes.Single(c => !c.Healthy);
        double detectS = (takenOut.At - Outage).TotalSeconds;
        var lost = client.Failed.Where(f => o.Run.Cluster("stretch").Context.BrokerRack(f.Broker) == "az1").ToList();
        output.WriteLine($"az1's broker taken out {detectS:0.0} s after the outage; {lost.Count} bootstrap attempts lost to it, last at {lost.Max(f => f.At).TotalSeconds:0.0} s; bootstrap_s_max {o.Result.Metrics["bootstrap_s_max"]}");
        // Three failed checks 10 s apart, the last concluded by its 5 s timeout: between 2 and 3 intervals plus the timeout.
        Assert.InRange(detectS, 2 * 10 + 5 - 0.01, 3 * 10 + 5 + 0.01);
        Assert.NotEmpty(lost);
        // A connection routed there before the take-out is given up one setup timeout (10 s) later, and none is routed after.
        Assert.All(lost, f => Assert.True(f.At <= takenOut.At + SimDuration.FromSeconds(10), $"attempt given up at {f.At}"));
        Assert.InRange(o.Result.Metrics["bootstrap_s_max"], 10, 12);
    }

    /// <summary>
    /// Source: Elastic Load Balancing API, CreateTargetGroup: HealthCheckTimeoutSeconds defaults to 10 s for a TCP target
    /// group, the protocol a Kafka listener behind a Network Load Balancer uses. Without <c>health.check.timeout</c> the
    /// last failed check is concluded 10 s after it was sent, not 5 s.
    /// </summary>
    [Fact]
    public void ALoadBalancersDefaultCheckTimeout_IsATcpTargetGroups10Seconds()
    {
        var o = Scenario.Run(Yaml.Replace("health.check.timeout: 5s, ", ""), 0);
        var (layer, _) = Access(o);
        Assert.Equal(SimDuration.FromSeconds(10), layer.Config.HealthCheckTimeout);
        double detectS = (layer.Changes.Single(c => !c.Healthy).At - Outage).TotalSeconds;
        output.WriteLine($"az1's broker taken out {detectS:0.0} s after the outage with the default check timeout");
        Assert.InRange(detectS, 2 * 10 + 10 - 0.01, 3 * 10 + 10 + 0.01);
        // The same checks, each failed one concluded 5 s later than with the shipped 5 s timeout.
        double fiveS = (Access(Run()).Layer.Changes.Single(c => !c.Healthy).At - Outage).TotalSeconds;
        Assert.Equal(5, detectS - fiveS, 3);
    }

    /// <summary>Source: the health-check thresholds above: a larger UnhealthyThresholdCount keeps a dead target in service longer.</summary>
    [Fact]
    public void AHigherUnhealthyThresholdKeepsTheDeadBrokerInServiceLonger()
    {
        double Detect(int threshold)
        {
            var o = Run($"architectures.stretch.access.unhealthy.threshold={threshold}");
            return (Access(o).Layer.Changes.Single(c => !c.Healthy).At - Outage).TotalSeconds;
        }
        double two = Detect(2), five = Detect(5);
        output.WriteLine($"taken out after {two:0.0} s with threshold 2, {five:0.0} s with 5");
        Assert.Equal(30, five - two, 3);
    }

    /// <summary>Source: seed 002 (CKafka Pro: the VIP is held by one AZ and moves to the surviving AZ); the RTO is detection + VIP move + client reconnection.</summary>
    [Fact]
    public void VirtualIpMovesToASurvivingZoneAfterDetectionAndNewClientsWaitForIt()
    {
        var o = Run("architectures.stretch.access.kind=vip", "architectures.stretch.access.vip.zone=az1", "architectures.stretch.access.vip.move=4s");
        var (layer, client) = Access(o);
        Assert.NotNull(layer.VipDetectedAt);
        Assert.NotNull(layer.VipMovedAt);
        double detectS = (layer.VipDetectedAt!.Value - Outage).TotalSeconds, moveS = (layer.VipMovedAt!.Value - layer.VipDetectedAt.Value).TotalSeconds;
        // The first bootstrap that completes after the move: reconnection ends when it does.
        var first = client.Done.First(d => d.Start + d.Took > layer.VipMovedAt.Value);
        double reconnectS = (first.Start + first.Took - layer.VipMovedAt.Value).TotalSeconds;
        output.WriteLine($"VIP: detection {detectS:0.0} s, move {moveS:0.0} s (to {layer.VipZone}), reconnection {reconnectS:0.0} s; bootstrap_s_max {o.Result.Metrics["bootstrap_s_max"]}");
        Assert.Equal("az2", layer.VipZone);
        Assert.InRange(detectS, 2 * 10 + 5 - 0.01, 3 * 10 + 5 + 0.01);
        Assert.Equal(4, moveS, 3);
        // A client already waiting retries within a setup timeout plus the 1 s backoff of the move.
        Assert.InRange(reconnectS, 0, 11.01);
        // Every client started during detection and move waited for the move: the longest bootstrap spans both.
        Assert.True(o.Result.Metrics["bootstrap_s_max"] >= detectS + moveS - 2 - 0.01, $"bootstrap_s_max {o.Result.Metrics["bootstrap_s_max"]}");
    }

    /// <summary>Source: Route 53 record TTL and the JVM's networkaddress.cache.ttl: a removed address is still returned until both caches expire.</summary>
    [Fact]
    public void DnsClientsKeepTryingTheLostZoneUntilTheResolverAndJvmCachesExpire()
    {
        double LastLostAttempt(string ttl, string jvm, out double detectAtS)
        {
            var o = Run("architectures.stretch.access.kind=dns", $"architectures.stretch.access.dns.ttl={ttl}", $"architectures.stretch.access.networkaddress.cache.ttl={jvm}");
            var (layer, client) = Access(o);
            detectAtS = layer.Changes.Single(c => !c.Healthy).At.TotalSeconds;
            var ctx = o.Run.Cluster("stretch").Context;
            return client.Failed.Where(f => ctx.BrokerRack(f.Broker) == "az1").Select(f => f.At.TotalSeconds).DefaultIfEmpty(0).Max();
        }
        double uncached = LastLostAttempt("1s", "1s", out double d1), cached = LastLostAttempt("90s", "30s", out double d2);
        output.WriteLine($"last attempt at az1's broker: TTL 1 s + JVM 1 s -> {uncached - d1:0.0} s after detection; TTL 90 s + JVM 30 s -> {cached - d2:0.0} s after detection");
        Assert.InRange(uncached - d1, double.NegativeInfinity, 1 + 1 + 10 + 2 + 0.01);
        Assert.True(cached - d2 > 20, $"cached answers stopped after {cached - d2} s");
        Assert.InRange(cached - d2, 0, 90 + 30 + 10 + 2 + 0.01);
    }

    /// <summary>
    /// Source: Elastic Load Balancing, "Health checks for Network Load Balancer target groups" ("By default, each load
    /// balancer node routes requests only to the healthy targets in its Availability Zone") and cross-zone load
    /// balancing. Each node checks from its own zone, so a zone cut off from the others, its nodes up, keeps passing its
    /// own node's checks: that node stays in the name's answer, and a client of another zone sent to it waits a
    /// connection setup timeout, for as long as the partition lasts. A single checker in the client's zone (a VIP's or
    /// Route 53's here) takes the cut-off broker out after its threshold instead.
    /// </summary>
    [Fact]
    public void ALoadBalancerNodeInACutOffZone_PassesItsOwnChecks_AndKeepsTakingConnectionsItCannotServe()
    {
        const string Partition = "{ at: 30s, kind: network-partition, target: az1, to: [az2, az3], duration: 200s }";
        var yaml = Yaml.Replace("{ at: 30s, kind: site-outage, target: az1, duration: 200s }", Partition, StringComparison.Ordinal);
        (int Late, int TakenOut) Lost(string kind)
        {
            var o = Scenario.Run(yaml, 0, [$"architectures.stretch.access.kind={kind}"]);
            var (layer, client) = Access(o);
            var ctx = o.Run.Cluster("stretch").Context;
            int late = client.Failed.Count(f => ctx.BrokerRack(f.Broker) == "az1" && f.At.TotalSeconds > 30 + 60);
            return (late, layer.Changes.Count(c => !c.Healthy));
        }
        var lb = Lost("load_balancer");
        var dns = Lost("dns");
        output.WriteLine($"az1 cut off from 30 s: load balancer: {lb.Late} attempts lost to az1 after 90 s, {lb.TakenOut} take-outs; DNS: {dns.Late} lost, {dns.TakenOut} take-outs");
        Assert.Equal(0, lb.TakenOut);
        Assert.True(lb.Late >= 2, $"{lb.Late} bootstrap attempts lost to az1 after 90 s through the load balancer");
        Assert.Equal(1, dns.TakenOut);
        Assert.Equal(0, dns.Late);
    }
}
