using Sim.Core.Time;

namespace Sim.Kafka.Observation;

/// <summary>Records acknowledged to a producer: an offset range of one partition written in one leader epoch.</summary>
public readonly record struct AckedRange(int Partition, long BaseOffset, long Count, int LeaderEpoch, short Acks, SimTime FirstAckedAt, SimTime LastAckedAt)
{
    public long NextOffset => BaseOffset + Count;
}
