namespace Sim.Kafka.Broker;

/// <summary>
/// One of a broker's log directories (<c>log.dirs</c>), one disk each: the bytes its replicas' logs hold and
/// the disk's size. A write that does not fit fails with an I/O error, and Kafka takes the whole directory
/// offline (LogDirFailureChannel, KIP-112): its replicas stop serving until an operator intervenes.
/// </summary>
public sealed class LogDirectory(int index, long capacityBytes)
{
    public int Index { get; } = index;

    /// <summary>The disk's size, bytes.</summary>
    public long CapacityBytes { get; } = capacityBytes;

    /// <summary>Bytes of log segments on the disk now.</summary>
    public long UsedBytes { get; internal set; }

    /// <summary>The most bytes the disk has held.</summary>
    public long MaxUsedBytes { get; internal set; }

    /// <summary>Offline after a failed write (a full disk); it stays so for the rest of the run.</summary>
    public bool Offline { get; internal set; }

    /// <summary>Whether <paramref name="bytes"/> more fit on the disk.</summary>
    public bool HasRoomFor(long bytes) => UsedBytes + bytes <= CapacityBytes;

    internal void Add(long delta)
    {
        UsedBytes += delta;
        if (UsedBytes > MaxUsedBytes) MaxUsedBytes = UsedBytes;
    }
}
