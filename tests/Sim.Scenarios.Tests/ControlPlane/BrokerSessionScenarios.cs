using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;
using static Sim.Scenarios.Tests.Support.OutcomeQueries;

namespace Sim.Scenarios.Tests.ControlPlane;

/// <summary>
/// How long a dead broker keeps its partitions. Broker 2, leader of orders-1 and follower of the others,
/// crashes at 10 s and stays down; it last heartbeated at about 8 s.
/// </summary>
public class BrokerSessionScenarios(ITestOutputHelper output)
{
    private const string BrokerCrash = """
        name: broker-session
        model: models/three-metro-dcs.yaml
        seed: 5
        duration: 40s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1, broker.session.timeout.ms: 9000, broker.heartbeat.interval.ms: 2000 }
        topics:
          orders: { partitions: 3, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 500/s, keys: 100, config: { acks: all } }
        faults:
          - { at: 10s, kind: broker-crash, target: stretch-broker-2, mode: process }
        """;

    /// <summary>
    /// Source: KIP-631 and KRaftConfigs <c>broker.session.timeout.ms</c> ("The length of time in milliseconds that a
    /// broker lease lasts if no heartbeats are made", default 9000) with heartbeats every
    /// <c>broker.heartbeat.interval.ms</c> (2000); ClusterControlManager fences the broker and, in the same step,
    /// takes it out of every ISR and elects new leaders for what it led.
    /// </summary>
    [Fact]
    public void ACrashedBrokerIsFencedOneSessionTimeoutAfterItsLastHeartbeatAndLosesItsLeadership()
    {
        foreach (int sessionS in new[] { 9, 4 })
        {
            var o = Scenario.Run(BrokerCrash, 0, $"architectures.stretch.broker.broker.session.timeout.ms={sessionS * 1000}");
            output.WriteLine(o.Brief());
            double fenced = o.FirstTime("fenced", "fences broker 2");
            double moved = o.FirstTime("leader", "orders-1: the leader moves from broker 2 to broker 3");
            output.WriteLine($"broker.session.timeout.ms {sessionS} s: fenced {F(fenced - 10)} s after the crash; writes to orders-1 back after {F(o.Result.ProducerRto.Seconds)} s");
            // The last heartbeat came up to one heartbeat interval (2 s) before the crash.
            Assert.InRange(fenced - 10, sessionS - 2, sessionS + 0.2);
            Assert.Equal(fenced, moved);
            Assert.NotEmpty(o.Matching("isr", "orders-0: the ISR shrinks", "broker 2 fenced"));
            Assert.InRange(o.Result.ProducerRto.Seconds, fenced - 10, fenced - 10 + 1);
        }
    }

    /// <summary>
    /// Source: ZooKeeper-mode broker config <c>zookeeper.session.timeout.ms</c> (default 18000 since Kafka 2.5,
    /// KIP-537): a broker is declared dead only when its ZooKeeper session expires, twice KRaft's 9 s broker session.
    /// </summary>
    [Fact]
    public void InZooKeeperModeADeadBrokerIsDetectedOnlyWhenItsZooKeeperSessionExpires()
    {
        var kraft = Scenario.Run(BrokerCrash);
        var zk = Scenario.Run(BrokerCrash, 0, "architectures.stretch.metadata=zookeeper");
        output.WriteLine(zk.Brief());
        double kraftFenced = kraft.FirstTime("fenced", "fences broker 2") - 10;
        double zkFenced = zk.FirstTime("fenced", "fences broker 2", "zookeeper.session.timeout.ms") - 10;
        output.WriteLine($"KRaft: fenced {F(kraftFenced)} s after the crash, RTO {F(kraft.Result.ProducerRto.Seconds)} s; ZooKeeper: {F(zkFenced)} s, RTO {F(zk.Result.ProducerRto.Seconds)} s");
        Assert.InRange(zkFenced, 18 - 6, 18 + 0.3);
        Assert.True(zkFenced > kraftFenced + 5, $"ZooKeeper {zkFenced} s, KRaft {kraftFenced} s");
        Assert.True(zk.Result.ProducerRto.Seconds > kraft.Result.ProducerRto.Seconds + 5);
        Assert.Equal(0, zk.Result.AckedRecordsLost);
    }
}
