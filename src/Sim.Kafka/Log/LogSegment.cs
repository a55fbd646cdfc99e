using Sim.Core.Time;

namespace Sim.Kafka.Log;

/// <summary>
/// One segment of a replica's log as an offset range (LogSegment.java without its files): where it starts,
/// how many bytes it holds, the timestamp its roll time is counted from (its first batch's), and its largest
/// record timestamp, which time-based retention compares. Its end is the next segment's base offset, or the
/// log end offset for the active (last) segment. Its timestamps are on the run's horizon clock (<see cref="LogSegments.Clock"/>).
/// </summary>
public struct LogSegment
{
    public long BaseOffset;
    public long Bytes;

    /// <summary>The first batch's timestamp (LogSegment.rollingBasedTimestamp): <c>segment.ms</c> counts from it.</summary>
    public SimTime RollingBasedTimestamp;

    /// <summary>The largest record timestamp in the segment (LogSegment.largestTimestamp): <c>retention.ms</c> counts from it.</summary>
    public SimTime LargestTimestamp;
}
