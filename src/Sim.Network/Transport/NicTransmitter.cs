namespace Sim.Network.Transport;

/// <summary>
/// One direction (in or out) of a host's network card: a FIFO transmitter, as a link direction is
/// (<see cref="Links.LinkState"/>), at the card's rate, with a token bucket of burst credits. A message is
/// serialised at the burst rate while the bucket holds credits and at the baseline once it is empty; idle
/// time and time spent at or below the baseline refill it at the baseline rate, up to its size. It keeps
/// busy time and bytes for utilisation. Nothing here allocates.
/// </summary>
public sealed class NicTransmitter
{
    private readonly double _baseBytesPerNs;
    private readonly double _burstBytesPerNs;
    private readonly double _bucketCapacity;
    private double _credits;
    private long _freeAtNs;

    public NicTransmitter(NicProfile profile)
    {
        Profile = profile;
        _baseBytesPerNs = profile.Baseline.BytesPerSecond / 1e9;
        _burstBytesPerNs = (profile.Burst ?? profile.Baseline).BytesPerSecond / 1e9;
        // Credits are counted in bytes above the baseline: a full bucket lasts BurstSeconds at the burst rate.
        _bucketCapacity = Math.Max(0, _burstBytesPerNs - _baseBytesPerNs) * profile.BurstSeconds * 1e9;
        _credits = _bucketCapacity;
    }

    public NicProfile Profile { get; }

    public long Bytes { get; private set; }

    /// <summary>Nanoseconds spent serialising, for utilisation against the baseline rate.</summary>
    public long BusyNanoseconds { get; private set; }

    /// <summary>Burst credits left, in bytes above the baseline.</summary>
    public double Credits => _credits;

    /// <summary>When a message of <paramref name="bytes"/> handed to the card at <paramref name="nowNs"/> has left it.</summary>
    public long Transmit(long nowNs, int bytes)
    {
        // While the card was idle, credits accrued at the baseline rate.
        if (nowNs > _freeAtNs) _credits = Math.Min(_bucketCapacity, _credits + (nowNs - _freeAtNs) * _baseBytesPerNs);
        long start = Math.Max(nowNs, _freeAtNs);
        double rate = _credits > 0 ? _burstBytesPerNs : _baseBytesPerNs;
        long duration = (long)Math.Ceiling(bytes / rate);
        if (rate > _baseBytesPerNs) _credits = Math.Max(0, _credits - bytes * (1 - _baseBytesPerNs / rate));
        _freeAtNs = start + duration;
        Bytes += bytes;
        BusyNanoseconds += duration;
        return _freeAtNs;
    }
}
