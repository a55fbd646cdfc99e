using Sim.Core.Time;

namespace Sim.Kafka.Observation;

/// <summary>
/// Acknowledged records missing from the final log: which offsets, which epoch they were written in,
/// the acks setting they were acknowledged under, and when they were acknowledged (the span of time
/// the loss reaches back over).
/// </summary>
public readonly record struct LostRange(int Partition, long BaseOffset, long Count, int LeaderEpoch, short Acks, SimTime FirstAckedAt, SimTime LastAckedAt)
{
    /// <summary>Why they are gone: the election that ended their epoch, the truncation that removed them, the setting that allowed it.</summary>
    public string Explanation => string.Join("; ", Steps);

    /// <summary>The same chain, one sentence per link, oldest first.</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];
}
