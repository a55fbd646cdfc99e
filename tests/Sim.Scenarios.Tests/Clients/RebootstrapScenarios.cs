using Sim.Core.Time;
using Sim.Kafka.Access;
using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Clients;

/// <summary>
/// A producer whose known brokers all die while the access layer points at the others. One broker per AZ of a
/// three-AZ stretch cluster behind a CKafka-style VIP held by az1. az2's and az3's brokers are down from 20 s to 80 s,
/// so the producer's metadata names only az1's broker (a metadata answer lists the unfenced brokers); they come back
/// and rejoin the ISR, but nothing makes the producer refresh its metadata before az1's broker process dies at 150 s for
/// good (its host answers connections with a reset).
/// Sources: KIP-899 (<c>metadata.recovery.strategy</c>; NetworkClient.DefaultMetadataUpdater.maybeUpdate rebootstraps
/// when leastLoadedNode finds no node available and no connection ready), KIP-1102 (rebootstrap the default from
/// Kafka 4.0), CommonClientConfigs.METADATA_RECOVERY_STRATEGY_DOC, KRaftMetadataCache.getAliveBrokerNodes.
/// </summary>
public class RebootstrapScenarios(ITestOutputHelper output)
{
    private const string Yaml = """
        name: rebootstrap
        model: models/three-az.yaml
        seed: 5
        duration: 240s
        warmup: 5s
        architectures:
          stretch:
            sites: [az1, az2, az3]
            brokers_per_site: 1
            controllers: { az1: 1, az2: 1, az3: 1 }
            broker: { offsets.topic.num.partitions: 1 }
            access: { kind: vip, vip.zone: az1, health.check.interval: 10s, health.check.timeout: 5s, unhealthy.threshold: 3, healthy.threshold: 2, vip.move: 4s, bootstrap.interval: 60s }
        topics:
          orders: { partitions: 3, replication.factor: 3, min.insync.replicas: 1 }
        workload:
          producers:
            - { zone: az2, topic: orders, rate: 50/s, keys: 100, config: { acks: all } }
        faults:
          - { at: 20s, kind: broker-crash, target: stretch-broker-2, duration: 60s }
          - { at: 20s, kind: broker-crash, target: stretch-broker-3, duration: 60s }
          - { at: 150s, kind: broker-crash, target: stretch-broker-1, mode: process, duration: 1000s }
        """;

    private const double LastCrashS = 150;

    /// <summary>The first second after az1's broker died in which the producer had records acknowledged, or null.</summary>
    private static double? ResumedAtS(Outcome o) =>
        o.Result.Timeseries.Where(r => r.TimeS > LastCrashS + 1 && r.Acked > 0).Select(r => (double?)r.TimeS).FirstOrDefault();

    private static Sim.Kafka.Clients.KafkaProducer Producer(Outcome o) => o.Run.Apps.Single().Producer!;

    [Fact]
    public void WithRebootstrap_TheProducerFollowsTheVipToTheSurvivingZone_AfterDetectionMoveAndReconnection()
    {
        var o = Scenario.Run(Yaml);
        var layer = o.Run.AccessLayers.Values.Single();
        var producer = Producer(o);
        var ctx = o.Run.Cluster("stretch").Context;
        Assert.NotNull(layer.VipMovedAt);
        double detectS = layer.VipDetectedAt!.Value.TotalSeconds - LastCrashS;
        double moveS = (layer.VipMovedAt!.Value - layer.VipDetectedAt.Value).TotalSeconds;
        double? resumed = ResumedAtS(o);
        Assert.NotNull(resumed);
        double reconnectS = resumed.Value - layer.VipMovedAt.Value.TotalSeconds;
        var first = producer.Rebootstraps.First(t => t.TotalSeconds > LastCrashS);
        output.WriteLine($"rebootstrap: first at {first.TotalSeconds - LastCrashS:0.00} s after the crash, {producer.RebootstrapCount} in all; "
            + $"VIP detection {detectS:0.0} s + move {moveS:0.0} s (to {layer.VipZone}) + reconnection {reconnectS:0.0} s = RTO {resumed - LastCrashS:0.0} s; known brokers then [{string.Join(",", producer.KnownBrokers)}]");
        // The producer knew only az1's broker when it died: its first rebootstrap comes within a reconnect backoff.
        Assert.InRange(first.TotalSeconds - LastCrashS, 0, 2);
        Assert.Equal("az2", layer.VipZone);
        // The VIP's checker is refused at once by the dead broker's host: three failed checks 10 s apart.
        Assert.InRange(detectS, 2 * 10 - 0.01, 3 * 10 + 5 + 0.01);
        Assert.Single(producer.Rebootstraps, t => t.TotalSeconds > LastCrashS);
        Assert.Equal(4, moveS, 3);
        // After the move, the next rebootstrap reaches az2's broker, whose answer names the living brokers.
        Assert.InRange(reconnectS, 0, 3);
        Assert.DoesNotContain(producer.KnownBrokers, b => ctx.BrokerRack(b) == "az1");
    }

    [Fact]
    public void WithMetadataRecoveryNone_TheProducerKeepsTryingItsDeadBroker_AndNeverResumes()
    {
        var o = Scenario.Run(Yaml, 0, "workload.producers.0.config.metadata.recovery.strategy=none");
        var producer = Producer(o);
        var ctx = o.Run.Cluster("stretch").Context;
        output.WriteLine($"none: acknowledged after the crash: {o.Sum(r => r.Acked, LastCrashS + 1, 240)}; known brokers [{string.Join(",", producer.KnownBrokers)}]; rebootstraps {producer.Rebootstraps.Count}");
        Assert.Equal(0, producer.RebootstrapCount);
        Assert.All(producer.KnownBrokers, b => Assert.Equal("az1", ctx.BrokerRack(b)));
        Assert.Null(ResumedAtS(o));
    }

    /// <summary>The same for a consumer of the topic (KafkaConsumer's metadata requests to its known brokers in turn).</summary>
    [Fact]
    public void AConsumerWhoseKnownBrokersAllDied_ReadsAgainAfterRebootstrapping_AndNotWithNone()
    {
        string yaml = Yaml.Replace("\nfaults:", "\n  consumers:\n    - { zone: az2, group: billing, topic: orders }\nfaults:", StringComparison.Ordinal);
        (long Consumed, int Rebootstraps) Run(string strategy)
        {
            var o = Scenario.Run(yaml, 0, $"workload.consumers.0.config.metadata.recovery.strategy={strategy}");
            var consumer = o.Run.Apps.Single(a => a.Consumer is not null).Consumer!;
            return (o.Sum(r => r.Consumed, LastCrashS + 1, 240), consumer.Rebootstraps.Count(t => t.TotalSeconds > LastCrashS));
        }
        var rebootstrap = Run("rebootstrap");
        var none = Run("none");
        output.WriteLine($"consumer: rebootstrap -> {rebootstrap.Consumed} records read after the crash ({rebootstrap.Rebootstraps} rebootstrap episode); none -> {none.Consumed}");
        Assert.True(rebootstrap.Rebootstraps >= 1);
        Assert.True(rebootstrap.Consumed > 0, "the rebootstrapped consumer reads again");
        Assert.Equal(0, none.Consumed);
    }

    /// <summary>
    /// Through a DNS name instead (Route 53 answering with every healthy broker, <c>client.dns.lookup=use_all_dns_ips</c>):
    /// az2's and az3's brokers passed their checks again after 80 s, so the first rebootstrap's lookup already names them
    /// and the producer resumes once the partitions' leaders have moved (the controller fences the dead broker after
    /// <c>broker.session.timeout.ms</c>), without waiting for az1's broker to be detected down.
    /// </summary>
    [Fact]
    public void ThroughADnsNameListingTheLivingBrokers_TheRebootstrapReachesThemBeforeTheDeadOneIsDetected()
    {
        var o = Scenario.Run(Yaml, 0, "architectures.stretch.access.kind=dns");
        var layer = o.Run.AccessLayers.Values.Single();
        var producer = Producer(o);
        int dead = o.Run.Cluster("stretch").Context.BrokerIds[0];
        var takenOut = layer.Changes.Where(c => c.Broker == dead && !c.Healthy && c.At.TotalSeconds > LastCrashS).Select(c => c.At.TotalSeconds).First();
        double? resumed = ResumedAtS(o);
        Assert.NotNull(resumed);
        output.WriteLine($"DNS: first rebootstrap {producer.Rebootstraps.First(t => t.TotalSeconds > LastCrashS).TotalSeconds - LastCrashS:0.00} s after the crash, "
            + $"writes again {resumed - LastCrashS:0.0} s after it (1-s series), az1's broker taken out of the answer {takenOut - LastCrashS:0.0} s after it");
        Assert.True(resumed < takenOut, $"resumed at {resumed} s, az1's broker taken out at {takenOut} s");
    }
}
