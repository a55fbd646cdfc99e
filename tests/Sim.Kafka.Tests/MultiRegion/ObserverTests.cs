using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Protocol;
using Sim.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Kafka.Tests.MultiRegion;

/// <summary>
/// Confluent Multi-Region Clusters (docs "Configure Multi-Region Clusters in Confluent Platform": Observers,
/// Replica placement, Automatic observer promotion): observers replicate asynchronously outside the ISR, so
/// acks=all never waits for them; with <c>observerPromotionPolicy</c> a caught-up observer joins the ISR when
/// the synchronous replicas fall short and leaves it when they are back.
/// Topic: one synchronous replica in rack a, one in rack b, one observer in rack c; min.insync.replicas 2.
/// </summary>
public class ObserverTests(ITestOutputHelper output)
{
    private static KafkaScenario Build(ObserverPromotionPolicy policy)
    {
        var b = KafkaScenario.Create().WithSeed(19).WithBrokersPerZone(1);
        b.Topics.Add(new TopicConfig("orders", 1, 3)
        {
            MinInSyncReplicas = 2,
            Placement = new PlacementConstraints([new RackCount(1, "a"), new RackCount(1, "b")], [new RackCount(1, "c")]) { Promotion = policy },
        });
        return b.Build();
    }

    [Fact]
    public void PlacementPutsSynchronousReplicasFirstAndTheObserverOutsideTheIsr()
    {
        var t = Build(ObserverPromotionPolicy.None);
        var ps = t.Cluster.PartitionState(0);
        Assert.Equal(3, ps.Replicas.Length);
        Assert.Single(ps.Observers);
        Assert.Equal("c", t.Cluster.Context.BrokerRack(ps.Observers[0]));
        Assert.Equal(ps.Replicas[..2], ps.Isr);
        Assert.Equal(ps.Replicas[2], ps.Observers[0]);
    }

    [Fact]
    public void AnObserverCountLargerThanTheRackIsRefused()
    {
        var placement = new PlacementConstraints([new RackCount(1, "a")], [new RackCount(2, "c")]);
        var e = Assert.Throws<ArgumentException>(() => KafkaCluster.Constrained("orders", placement, [(1, "a"), (2, "b"), (3, "c")], 0));
        Assert.Contains("2 observer(s) in rack 'c' but the rack has 1", e.Message);
    }

    /// <summary>Confluent docs: "writes unaffected by observer lag" — an observer cut off never enters the ISR and acks=all keeps acknowledging.</summary>
    [Fact]
    public void AnObserverCutOffDoesNotStopAcksAllWrites()
    {
        var t = Build(ObserverPromotionPolicy.UnderMinIsr);
        t.Producer("a", KafkaScenario.Steady("orders", 500) with { Stop = SimTime.FromSeconds(40) }, new ProducerConfig());
        t.RunUntil(SimTime.FromSeconds(5));
        int observer = t.Cluster.PartitionState(0).Observers[0];
        t.Cluster.CrashBroker(observer, powerLoss: false);
        long ackedAtCrash = t.Ledger.RecordsAcked;
        t.RunUntil(SimTime.FromSeconds(45));
        output.WriteLine($"FIGURES observer down: acked after {t.Ledger.RecordsAcked - ackedAtCrash}, failed {t.Ledger.RecordsFailed}");
        Assert.DoesNotContain(t.Trace.PartitionChanges, c => c.After.InIsr(observer));
        Assert.True(t.Ledger.RecordsAcked > ackedAtCrash + 500 * 30, $"acked {t.Ledger.RecordsAcked - ackedAtCrash} after the observer went");
        Assert.Equal(0, t.Ledger.RecordsFailed);
        Assert.Equal(0, t.Audit().LostRecords);
    }

    private (KafkaScenario T, long AckedAfterLoss, int Observer, int Lost) LoseSyncFollower(ObserverPromotionPolicy policy, bool restart)
    {
        var t = Build(policy);
        var config = new ProducerConfig { DeliveryTimeout = SimDuration.FromSeconds(20), RequestTimeout = SimDuration.FromSeconds(10) };
        t.Producer("a", KafkaScenario.Steady("orders", 500) with { Stop = SimTime.FromSeconds(40) }, config);
        t.RunUntil(SimTime.FromSeconds(5));
        var ps = t.Cluster.PartitionState(0);
        int lost = ps.Replicas.First(r => r != ps.Leader && !ps.IsObserver(r));
        t.Cluster.CrashBroker(lost, powerLoss: false);
        t.RunUntil(SimTime.FromSeconds(30));
        long acked = t.Ledger.RecordsAcked;
        if (restart) t.Cluster.RestartBroker(lost);
        t.RunUntil(SimTime.FromSeconds(70));
        foreach (var c in t.Trace.PartitionChanges) output.WriteLine($"{c.At} {c.After} <- {c.Cause}");
        output.WriteLine($"FIGURES policy {policy}: acked by 30 s {acked}, acked {t.Ledger.RecordsAcked}, failed {t.Ledger.RecordsFailed}, lost {t.Audit().LostRecords}");
        return (t, acked, ps.Observers[0], lost);
    }

    /// <summary>Confluent docs, automatic observer promotion: a partition under min ISR promotes a caught-up observer and keeps taking acks=all writes with nothing lost.</summary>
    [Fact]
    public void UnderMinIsrPromotesTheCaughtUpObserverAndWritesContinueWithoutLoss()
    {
        var (t, acked, observer, _) = LoseSyncFollower(ObserverPromotionPolicy.UnderMinIsr, restart: false);
        Assert.Contains(t.Trace.PartitionChanges, c => c.After.InIsr(observer));
        Assert.True(acked > 500 * 20, $"acked {acked} by 30 s");
        Assert.Equal(0, t.Ledger.FailuresByError.GetValueOrDefault(ErrorCode.DeliveryTimeout));
        Assert.Equal(0, t.Audit().LostRecords);
    }

    /// <summary>Without a promotion policy the observer stays out: the ISR is below min.insync.replicas and acks=all writes fail (NOT_ENOUGH_REPLICAS until the delivery timeout).</summary>
    [Fact]
    public void WithoutPromotionTheSameLossStopsAcksAllWrites()
    {
        var (t, _, observer, _) = LoseSyncFollower(ObserverPromotionPolicy.None, restart: false);
        Assert.DoesNotContain(t.Trace.PartitionChanges, c => c.After.InIsr(observer));
        Assert.True(t.Ledger.RetriesByError.GetValueOrDefault(ErrorCode.NotEnoughReplicas) > 0);
        Assert.True(t.Ledger.FailuresByError.GetValueOrDefault(ErrorCode.DeliveryTimeout) > 0);
        Assert.Equal(0, t.Audit().LostRecords);
    }

    /// <summary>Demotion: when the synchronous replica is back in the ISR the promoted observer leaves it.</summary>
    [Fact]
    public void ThePromotedObserverIsDemotedWhenTheSynchronousReplicaRejoins()
    {
        var (t, _, observer, lost) = LoseSyncFollower(ObserverPromotionPolicy.UnderMinIsr, restart: true);
        var final = t.Cluster.PartitionState(0);
        Assert.True(final.InIsr(lost), final.ToString());
        Assert.False(final.InIsr(observer), final.ToString());
        Assert.Equal(0, t.Audit().LostRecords);
    }
}
