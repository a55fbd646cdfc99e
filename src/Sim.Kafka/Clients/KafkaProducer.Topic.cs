using Sim.Core.Time;

namespace Sim.Kafka.Clients;

/// <summary>
/// The partitions of the application's topic that the producer's metadata shows, which its partitioner spreads
/// records over: a topic created mid-run (CreateTopics) is written once the producer learns of it, and partitions
/// added mid-run (CreatePartitions) take records after the producer's next metadata refresh
/// (<c>metadata.max.age.ms</c>), as Kafka's partitioners read <c>Cluster.partitionsForTopic</c>.
/// </summary>
/// <remarks>
/// While the topic does not exist, Kafka's <c>send()</c> waits in <c>waitOnMetadata</c>, asking for the topic every
/// <c>retry.backoff.ms</c> (brokers answer UNKNOWN_TOPIC_OR_PARTITION), and throws after <c>max.block.ms</c>. The model
/// has the application begin its stream when the producer's metadata first shows the topic, asking every
/// <c>retry.backoff.ms</c> until then; the records an application would have tried to send earlier, and their
/// max.block.ms timeouts, are not counted. A partition count only grows (Kafka cannot remove partitions); after a
/// deletion the producer keeps its partitions, whose batches find no leader and fail at <c>delivery.timeout.ms</c>.
/// </remarks>
public sealed partial class KafkaProducer
{
    /// <summary>How many of the topic's partitions the producer's metadata shows (the partitioner's count).</summary>
    private int _visible;

    /// <summary>Whether the application waits for its topic to exist before it starts sending.</summary>
    private bool _awaitingTopic;

    /// <summary>The application's stream starts, or waits for its topic.</summary>
    private void StartApplication()
    {
        _visible = CountVisible();
        if (_visible > 0)
        {
            StartAccumulating();
            return;
        }
        _awaitingTopic = true;
        ScheduleMetadataRetry();
    }

    /// <summary>A metadata answer came: the partitioner takes in a topic that now exists or partitions that were added.</summary>
    private void OnTopicMetadata()
    {
        int visible = CountVisible();
        if (_awaitingTopic && visible == 0)
        {
            ScheduleMetadataRetry();
            return;
        }
        if (visible <= _visible) return;
        int before = _visible;
        _visible = visible;
        if (_awaitingTopic)
        {
            _awaitingTopic = false;
            StartAccumulating();
        }
        else if (W.Keys > 0) SpreadOverAdded(before);
    }

    /// <summary>
    /// Keyed records spread over the larger partition count (murmur2 modulo the new count moves most keys); the
    /// added partitions open their first batches now, the others take their new share with their next batch.
    /// </summary>
    private void SpreadOverAdded(int before)
    {
        _shares = SharesOverVisible();
        if (ClosedLoop) return;
        var now = S.Now;
        for (int i = before; i < _visible; i++)
        {
            if (_shares[i] > 0 && !_acc[i].Open) OpenBatch(i, now + NextGap(W.RateAt(now) * _shares[i]));
        }
    }

    private int CountVisible()
    {
        int count = 0;
        foreach (var p in _partitions)
        {
            if (_metadata[p.Index] is { Exists: true }) count++;
        }
        return count;
    }

    /// <summary>Each partition's share of the key space over the visible partitions (0 for the others).</summary>
    private double[] SharesOverVisible()
    {
        var shares = new double[_partitions.Length];
        if (_visible > 0) Array.Copy(Murmur2.KeyShares(W.Keys, _visible), shares, _visible);
        return shares;
    }

    private static SimTime Later(SimTime a, SimTime b) => a > b ? a : b;
}
