using Sim.Core.Time;
using Sim.Kafka.Broker;
using Sim.Kafka.Config;
using Sim.Kafka.Log;
using Sim.Kafka.Metadata;

namespace Sim.Kafka.Tests.Broker;

/// <summary>
/// A replica's producer state (ProducerStateManager, ProducerStateEntry.NUM_BATCHES_TO_RETAIN = 5): the last five
/// batches of each producer id are recognised when retried, older ones are not.
/// </summary>
public class ProducerStateTests
{
    [Fact]
    public void Entry_HoldsTheLastFiveBatches_TheSixthPushesTheOldestOut()
    {
        var entry = new ProducerStateEntry();
        for (int i = 0; i < 6; i++) entry.Record(baseSequence: i * 3, count: 3, baseOffset: 100 + i * 3, epoch: i);
        Assert.Equal(17, entry.LastSequence);
        Assert.False(entry.TryFindDuplicate(0, out _, out _));
        for (int i = 1; i < 6; i++)
        {
            Assert.True(entry.TryFindDuplicate(i * 3, out long offset, out int epoch));
            Assert.Equal(100 + i * 3, offset);
            Assert.Equal(i, epoch);
        }
        Assert.False(entry.TryFindDuplicate(1, out _, out _));
    }

    [Fact]
    public void Entry_SameSequenceTwiceAmongTheRetained_TheOlderPlacementAnswers()
    {
        // The entry keeps no producer epoch, so two retained batches can share a base sequence: the older placement
        // answers: the retained batches are looked at oldest first.
        var entry = new ProducerStateEntry();
        entry.Record(0, 1, 10, epoch: 1);
        entry.Record(1, 1, 11, epoch: 1);
        entry.Record(0, 1, 12, epoch: 2);
        Assert.True(entry.TryFindDuplicate(0, out long offset, out int epoch));
        Assert.Equal((10L, 1), (offset, epoch));
    }

    private static PartitionReplica Replica()
    {
        var topic = new TopicConfig("orders", 1, 3);
        var state = new PartitionState(0, [1, 2, 3], [1, 2, 3], 1, 0, 0, []);
        return new PartitionReplica(new PartitionInfo(0, topic, 0), 1, state, new LogConfig(), new LogDirectory(0, 1L << 40));
    }

    private static RecordBatch Batch(long offset, long producerId, int sequence) => new()
    {
        BaseOffset = offset, Count = 2, Bytes = 200, LeaderEpoch = 0, ProducerId = producerId, BaseSequence = sequence,
        CreateTime = SimTime.FromSeconds(1), AppendTime = SimTime.FromSeconds(1),
    };

    [Theory]
    [InlineData(12)]
    [InlineData(30)]
    public void Replica_ManyProducersInterleaved_EachIsCheckedAgainstItsOwnSequences(int producers)
    {
        // More producers than the replica scans: the later ones' states are in its dictionary; all are checked the same.
        var replica = Replica();
        long offset = 0;
        var placed = new Dictionary<(long, int), long>();
        for (int round = 0; round < 3; round++)
        {
            for (long pid = 100; pid < 100 + producers; pid++)
            {
                var b = Batch(offset, pid, round * 2);
                Assert.Equal(IdempotenceCheck.Append, replica.CheckSequence(b, out _, out _));
                replica.Append(b);
                placed[(pid, round * 2)] = offset;
                offset += 2;
            }
        }
        for (long pid = 100; pid < 100 + producers; pid++)
        {
            Assert.Equal(IdempotenceCheck.Duplicate, replica.CheckSequence(Batch(offset, pid, 2), out long original, out _));
            Assert.Equal(placed[(pid, 2)], original);
            Assert.Equal(IdempotenceCheck.OutOfOrder, replica.CheckSequence(Batch(offset, pid, 9), out _, out _));
            Assert.Equal(IdempotenceCheck.Append, replica.CheckSequence(Batch(offset, pid, 6), out _, out _));
        }
        // Truncated to the end of round 1: every producer's state is rebuilt from rounds 0 and 1.
        replica.TruncateTo(2L * 2 * producers);
        for (long pid = 100; pid < 100 + producers; pid++)
        {
            Assert.Equal(IdempotenceCheck.Append, replica.CheckSequence(Batch(offset, pid, 4), out _, out _));
            Assert.Equal(IdempotenceCheck.Duplicate, replica.CheckSequence(Batch(offset, pid, 0), out long original, out _));
            Assert.Equal(placed[(pid, 0)], original);
        }
    }

    [Fact]
    public void Replica_ThreeProducersInterleaved_EachIsCheckedAgainstItsOwnSequences()
    {
        var replica = Replica();
        long offset = 0;
        for (int round = 0; round < 4; round++)
        {
            foreach (long pid in new long[] { 7, 9, 11 })
            {
                var b = Batch(offset, pid, round * 2);
                Assert.Equal(IdempotenceCheck.Append, replica.CheckSequence(b, out _, out _));
                replica.Append(b);
                offset += 2;
            }
        }
        // Producer 9's third batch (round 2) went to offset 14: a retry of it is a duplicate answered with that offset.
        Assert.Equal(IdempotenceCheck.Duplicate, replica.CheckSequence(Batch(offset, 9, 4), out long original, out _));
        Assert.Equal(14, original);
        Assert.Equal(IdempotenceCheck.OutOfOrder, replica.CheckSequence(Batch(offset, 11, 12), out _, out _));
        Assert.Equal(IdempotenceCheck.Append, replica.CheckSequence(Batch(offset, 7, 8), out _, out _));
        Assert.Equal(IdempotenceCheck.Append, replica.CheckSequence(Batch(offset, 13, 0), out _, out _));

        // Truncation rebuilds the state from what remains: producer 7's round-3 batch (offset 18) is gone, its round-2 one is not.
        replica.TruncateTo(18);
        Assert.Equal(IdempotenceCheck.Append, replica.CheckSequence(Batch(18, 7, 6), out _, out _));
        Assert.Equal(IdempotenceCheck.Duplicate, replica.CheckSequence(Batch(18, 7, 4), out original, out _));
        Assert.Equal(12, original);
        Assert.Equal(IdempotenceCheck.Duplicate, replica.CheckSequence(Batch(18, 11, 4), out original, out _));
        Assert.Equal(16, original);
    }
}
