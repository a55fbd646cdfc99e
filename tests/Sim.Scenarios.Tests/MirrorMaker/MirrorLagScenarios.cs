using Sim.Core.Time;
using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.MirrorMaker;

/// <summary>
/// Asynchronous replication between clusters. Source: KIP-382 (MirrorHeartbeatConnector emits a heartbeat every
/// <c>emit.heartbeats.interval.seconds</c>, replicated like any record, so replication latency can be watched; the
/// source connector consumes committed records and produces them to the target, so the standby trails the
/// primary); Confluent, "Disaster Recovery for Multi-Datacenter Apache Kafka Deployments" (with asynchronous
/// replication the RPO is not zero: what was not yet copied when the primary failed is lost to consumers of
/// the standby). Primary a, standby b, the MirrorMaker 2 workers in b; the RTT between a and b varies.
/// </summary>
public class MirrorLagScenarios(ITestOutputHelper output)
{
    // Every append is flushed on the primary, so its data outlives the power cut: what the standby lacks
    // is only what MirrorMaker 2 had not copied yet.
    private const string PrimaryLost = """
        name: mirror-lag
        model: models/three-metro-dcs.yaml
        seed: 3
        duration: 60s
        warmup: 10s
        architectures:
          active-passive:
            primary: a
            standby: b
            primary_cluster: { brokers: 3, controllers: 1 }
            standby_cluster: { brokers: 3, controllers: 1 }
            broker: { offsets.topic.num.partitions: 1, log.flush.interval.messages: 1 }
            failover: { detection: probe, probe.interval: 2s, probe.failures: 3, redirect: dns, dns.ttl: 5s }
        topics:
          orders: { partitions: 2, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: c, topic: orders, rate: 1000/s, keys: 100, config: { acks: all } }
        network:
          links:
            a/b: { rtt: 2ms }
        faults:
          - { at: 45s, kind: site-outage, target: a }
        """;

    /// <summary>
    /// Source: KIP-382, MirrorHeartbeatConnector (heartbeats every <c>emit.heartbeats.interval.seconds</c>, replicated
    /// like records, measure replication latency), and MirrorSourceMetrics <c>replication-latency-ms</c>. The run's
    /// mirror_lag_ms_p99 is the time behind measured from offsets at each sample (the age of the oldest record not yet
    /// acknowledged on the target), so it is read beside the heartbeat lag, not as it: a record appended just after a
    /// fetch left waits for the next one, so its age at a sample reaches about one and a half round trips.
    /// </summary>
    [Fact]
    public void HeartbeatLagTracksTheRttBetweenTheClusters()
    {
        var runs = new[] { 2, 20, 80 }.ToDictionary(ms => ms, ms => Scenario.Run(PrimaryLost, 0, $"network.links.a/b.rtt={ms}ms", "faults=[]", "duration=25s"));
        var heartbeat = runs.ToDictionary(kv => kv.Key, kv => P99(kv.Value.Run.Simulation.MirrorMaker!.Flow("a", "b").Metrics
            .HeartbeatLagMs(SimTime.FromSeconds(10), SimTime.FromSeconds(25)).ToList()));
        var behind = runs.ToDictionary(kv => kv.Key, kv => kv.Value.Result.MirrorLagMsP99);
        output.WriteLine("heartbeat lag p99 by RTT: " + string.Join(", ", heartbeat.Select(kv => $"{kv.Key} ms -> {F(kv.Value)} ms")));
        output.WriteLine("mirror_lag_ms_p99 (time behind, from offsets) by RTT: " + string.Join(", ", behind.Select(kv => $"{kv.Key} ms -> {F(kv.Value)} ms")));
        // A heartbeat is fetched across the link once (the response leg of a long poll already waiting at the source), then produced locally.
        Assert.All(heartbeat, kv => Assert.InRange(kv.Value, kv.Key / 2.0, kv.Key + 10));
        Assert.True(heartbeat[80] > heartbeat[20] && heartbeat[20] > heartbeat[2]);
        Assert.All(behind, kv => Assert.InRange(kv.Value, kv.Key / 2.0, 2.0 * kv.Key + 10));
        Assert.True(behind[80] > behind[20] && behind[20] > behind[2]);
    }

    private static double P99(List<double> values)
    {
        Assert.NotEmpty(values);
        values.Sort();
        return values[Math.Min(values.Count - 1, (int)Math.Ceiling(0.99 * values.Count) - 1)];
    }

    /// <summary>Source: KIP-382 (asynchronous replication between clusters); Confluent, "Disaster Recovery for Multi-Datacenter Apache Kafka Deployments" (RPO above zero with asynchronous replication).</summary>
    [Fact]
    public void RecordsTheMirrorHadNotCopiedWhenThePrimaryDiedAreLostToTheStandbyAndTheRpoIsAboutTheMirrorLag()
    {
        var near = Scenario.Run(PrimaryLost);
        var far = Scenario.Run(PrimaryLost, 0, "network.links.a/b.rtt=80ms");
        output.WriteLine($"RTT 2 ms: {near.Result.AckedRecordsLostFailover} acknowledged records stranded on a, RPO {F(near.Result.RpoS)} s, mirror lag p99 {F(near.Result.MirrorLagMsP99)} ms; " +
                         $"RTT 80 ms: {far.Result.AckedRecordsLostFailover} stranded, RPO {F(far.Result.RpoS)} s, mirror lag p99 {F(far.Result.MirrorLagMsP99)} ms");
        Assert.NotNull(far.Find("failover 'failover-a' declares a lost"));
        Assert.Equal(0, far.Result.AckedRecordsLostPermanent);
        Assert.True(far.Result.AckedRecordsLostFailover > near.Result.AckedRecordsLostFailover, "a longer mirror lag stranded no more records");
        // No more than a round trip of records at 1000/s, and none older than the lag.
        Assert.InRange(far.Result.AckedRecordsLostFailover, 1, 1000 * 0.080 * 2);
        // The RPO is bounded by how far behind the mirror was when the primary died (sampled before the outage;
        // after it the stranded records only age, so the run's p99 no longer says how far behind the copy ran).
        double lagBeforeMs = far.Result.Timeseries.Where(row => row.TimeS > 10 && row.TimeS <= 45).Max(row => row.MirrorLagMs);
        output.WriteLine($"RTT 80 ms: largest mirror lag sampled before the outage {F(lagBeforeMs)} ms");
        Assert.InRange(far.Result.RpoS, 0.001, lagBeforeMs / 1000 + 0.02);
    }
}
