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

    /// <summary>
    /// When a message of <paramref name="bytes"/> reaching the card at <paramref name="arrivalNs"/> has been taken in.
    /// Arrivals are computed when messages are sent, so they come out of time order (links differ in delay); the
    /// receiving side is therefore kept as a backlog of work drained at the card's rate rather than a FIFO
    /// reservation, which would leave idle gaps unused. A message waits for the backlog as of the latest arrival;
    /// its own bytes were taken in as they came off the wire (packets pipeline through, the card does not store
    /// a whole message and forward it), so they add to the backlog of those behind it, not to its own delay.
    /// </summary>
    public long Receive(long arrivalNs, int bytes)
    {
        if (arrivalNs > _lastArrivalNs)
        {
            long idle = arrivalNs - _lastArrivalNs - _backlogNs;
            if (idle > 0) _credits = Math.Min(_bucketCapacity, _credits + idle * _baseBytesPerNs);
            _backlogNs = Math.Max(0, _backlogNs - (arrivalNs - _lastArrivalNs));
            _lastArrivalNs = arrivalNs;
        }
        long wait = _backlogNs;
        _backlogNs += Serialise(bytes);
        return arrivalNs + wait;
    }

    private long _lastArrivalNs;
    private long _backlogNs;

    private long Serialise(int bytes)
    {
        double rate = _credits > 0 ? _burstBytesPerNs : _baseBytesPerNs;
        long duration = (long)Math.Ceiling(bytes / rate);
        if (rate > _baseBytesPerNs) _credits = Math.Max(0, _credits - bytes * (1 - _baseBytesPerNs / rate));
        Bytes += bytes;
        BusyNanoseconds += duration;
        return duration;
    }

    /// <summary>When a message of <paramref name="bytes"/> handed to the card at <paramref name="nowNs"/> has left it.</summary>
    public long Transmit(long nowNs, int bytes)
    {
        // While the card was idle, credits accrued at the baseline rate.
        if (nowNs > _freeAtNs) _credits = Math.Min(_bucketCapacity, _credits + (nowNs - _freeAtNs) * _baseBytesPerNs);
        long start = Math.Max(nowNs, _freeAtNs);
        _freeAtNs = start + Serialise(bytes);
        return _freeAtNs;
    }
}
