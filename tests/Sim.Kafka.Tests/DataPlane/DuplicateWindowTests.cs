using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;
using Sim.Kafka.Tests.Support;

namespace Sim.Kafka.Tests.DataPlane;

/// <summary>
/// The acknowledgement ledger's duplicate check holds a batch's identity only while a second copy of it can still
/// reach a leader: a batch sent in one request is forgotten at its acknowledgement, one sent again is kept until
/// DuplicateGrace after it (a copy from the timed-out request may still be appended).
/// </summary>
public sealed class DuplicateWindowTests
{
    private static RecordBatch Batch(long id, long offset) => new() { ClientBatchId = id, BaseOffset = offset, Count = 10, LeaderEpoch = 1 };

    [Fact]
    public void ABatchSentOnce_IsForgottenAtItsAcknowledgement()
    {
        var ledger = new AckLedger();
        var at = SimTime.Zero;
        ledger.Appended(at, 1, 0, Batch(7, 0), asLeader: true);
        Assert.Equal(1, ledger.BatchIdentitiesHeld);

        ledger.ProduceAcked(at, 1, 0, Batch(7, 0), -1, SimDuration.FromMilliseconds(3));

        Assert.Equal(0, ledger.BatchIdentitiesHeld);
    }

    [Fact]
    public void ABatchSentAgain_IsKeptForTheGraceAfterItsAcknowledgement()
    {
        var ledger = new AckLedger();
        var t0 = SimTime.Zero;
        ledger.Appended(t0, 1, 0, Batch(7, 0), asLeader: true);
        ledger.BatchSentAgain(t0 + SimDuration.FromSeconds(30), 1, 7);
        ledger.Appended(t0 + SimDuration.FromSeconds(31), 1, 0, Batch(7, 10), asLeader: true);
        ledger.ProduceAcked(t0 + SimDuration.FromSeconds(31), 1, 0, Batch(7, 10), -1, SimDuration.FromSeconds(31));

        Assert.Equal(1, ledger.BatchIdentitiesHeld);
        // Another producer's acknowledgement past the grace lets the retried batch's identity go.
        ledger.ProduceAcked(t0 + SimDuration.FromSeconds(62), 2, 0, Batch(8, 20), -1, SimDuration.FromMilliseconds(3));
        Assert.Equal(0, ledger.BatchIdentitiesHeld);
    }

    [Fact]
    public void AnUnauditedClientsBatch_SentOnceIsForgottenAtItsAcknowledgement_SentAgainIsKeptAndItsSecondAppendCounts()
    {
        var ledger = new AckLedger();
        var at = SimTime.Zero;
        ledger.Appended(at, 1, 0, Batch(7, 0), asLeader: true);
        ledger.Appended(at, 1, 0, Batch(8, 10), asLeader: true);
        ledger.BatchSentAgain(at, 3, 8);
        ledger.UnauditedBatchAcked(7);
        ledger.UnauditedBatchAcked(8);
        Assert.Equal(1, ledger.BatchIdentitiesHeld);

        // Long after, a copy of the batch sent again is appended a second time: still a duplicate (no grace for these).
        var log = new ReplicaLog();
        log.Append(Batch(7, 0));
        log.Append(Batch(8, 10));
        log.Append(Batch(8, 20));
        ledger.Appended(at + SimDuration.FromMinutes(5), 1, 0, Batch(8, 20), asLeader: true);
        Assert.Equal(10, ledger.Audit(_ => log).DuplicateRecords);
        Assert.Equal(0, ledger.RecordsAcked);
    }

    [Fact]
    public void ASteadyCluster_HoldsOnlyTheBatchesInFlight()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 6, rf: 3, minIsr: 2).Build();
        t.Producer("a", KafkaScenario.Steady("orders", 2000));
        t.RunFor(SimDuration.FromSeconds(20));

        // Thousands of batches acknowledged in the last 30 s; only those not yet acknowledged are held.
        Assert.True(t.Ledger.RecordsAcked > 30_000, $"acked {t.Ledger.RecordsAcked}");
        Assert.InRange(t.Ledger.BatchIdentitiesHeld, 0, 50);
    }
}
