using Sim.Core.Time;

namespace Sim.Kafka.Log;

/// <summary>
/// Older log data coalesced into runs: a contiguous offset range written under one leader epoch, with
/// its bytes and the create times of its first and last records. Keeping old data as runs bounds memory
/// by time, not by records: a run holds what many batches held, minus their producer identities.
/// </summary>
public struct LogRun
{
    public long BaseOffset;
    public long NextOffset;
    public long Bytes;
    public int LeaderEpoch;
    public SimTime FirstCreateTime;
    public SimTime LastCreateTime;

    /// <summary>When the last batch of the run was appended to this replica (for page-cache loss on power failure).</summary>
    public SimTime LastAppendTime;

    /// <summary>Where the run's first record was first written (mirrored data); runs split where origins do not continue.</summary>
    public RecordOrigin Origin;

    public readonly long Count => NextOffset - BaseOffset;
}
