namespace Sim.Kafka.Log;

/// <summary>One entry of the leader epoch cache (KIP-101): the first offset written in <see cref="Epoch"/>.</summary>
public readonly record struct EpochEntry(int Epoch, long StartOffset);
