using Sim.Core.Time;
using Sim.Kafka.Observation;

namespace Sim.MirrorMaker.Tests.Support;

/// <summary>
/// When each partition's high watermark passed each offset on its leader: the moment a record became
/// committed, and so visible to fetchers reading at read_uncommitted up to the high watermark (Kafka's
/// <c>Partition.fetchRecords</c> bounds follower-less fetches by the high watermark).
/// </summary>
public sealed class CommitTimes : IKafkaObserver
{
    private readonly Dictionary<int, List<(SimTime At, long HighWatermark)>> _advances = [];

    public void HighWatermarkAdvanced(SimTime at, int brokerId, int partition, long highWatermark)
    {
        if (!_advances.TryGetValue(partition, out var list)) _advances[partition] = list = [];
        if (list.Count == 0 || highWatermark > list[^1].HighWatermark) list.Add((at, highWatermark));
    }

    /// <summary>When the record at <paramref name="offset"/> of <paramref name="partition"/> was first committed, or null if it never was.</summary>
    public SimTime? CommittedAt(int partition, long offset)
    {
        if (!_advances.TryGetValue(partition, out var list)) return null;
        foreach (var (at, hw) in list)
            if (hw > offset) return at;
        return null;
    }

    /// <summary>How many records of <paramref name="partition"/> were committed in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public long CommittedBetween(int partition, SimTime from, SimTime to)
    {
        if (!_advances.TryGetValue(partition, out var list)) return 0;
        long before = 0, until = 0;
        foreach (var (at, hw) in list)
        {
            if (at < from) before = hw;
            if (at < to) until = hw;
        }
        return until - before;
    }
}
