namespace Sim.Network.Transport;

/// <summary>
/// One direction (in or out) of a host's network card: a FIFO transmitter, as a link direction is
/// (<see cref="Links.LinkState"/>), at the card's rate, with a token bucket of burst credits. A message is
/// serialised at the burst rate while the bucket holds credits and at the baseline once it is empty; idle
/// time and time spent at or below the baseline refill it at the baseline rate, up to its size. It keeps
/// busy time and bytes for utilisation.
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
        _credits = profile.InitialCreditSeconds is { } start
            ? Math.Min(_bucketCapacity, Math.Max(0, _burstBytesPerNs - _baseBytesPerNs) * start * 1e9)
            : _bucketCapacity;
    }

    public NicProfile Profile { get; }

    /// <summary>Bytes sent or received on the wire, framing included (<see cref="WireBytes"/>).</summary>
    public long Bytes { get; private set; }

    /// <summary>Nanoseconds spent serialising, for utilisation against the baseline rate.</summary>
    public long BusyNanoseconds { get; private set; }

    /// <summary>Burst credits left, in bytes above the baseline.</summary>
    public double Credits => _credits;

    /// <summary>
    /// When a message of <paramref name="bytes"/> reaching the card at <paramref name="arrivalNs"/>, sent at
    /// <paramref name="nowNs"/>, has been taken in. Arrivals are computed when messages are sent, so they come out of
    /// time order (links and senders' cards differ in delay). The card takes messages in the order they reach it: a
    /// message waits for the work of those that reached it before, and its own work delays those that come after it.
    /// Receptions not yet reached are kept sorted by arrival (only those still ahead of the clock, a few per peer),
    /// so the backlog a message finds is the card's work at its own arrival (Lindley's recursion over earlier
    /// arrivals), not the backlog as of the latest arrival computed, which would charge it for messages still on the
    /// wire behind it and leave the card idle meanwhile. Its own bytes were taken in as they came off the wire
    /// (packets pipeline through; the card does not store a whole message and forward it), so they add to the work
    /// of those behind it, not to its own delay. A reception computed before an earlier-arriving one keeps the
    /// delivery time it was given; the later one's work counts only for receptions computed after it.
    /// </summary>
    public long Receive(long nowNs, long arrivalNs, int bytes)
    {
        Settle(nowNs);
        long duration = Serialise(bytes);
        // The card takes the message in while its bytes arrive, the last at arrivalNs: its work starts when the first
        // byte reaches the card (never before now: a message from a host without a card can leave it at once).
        long startNs = Math.Max(nowNs, arrivalNs - duration);
        long atNs = _settledAtNs, backlog = _settledBacklogNs;
        int i = 0;
        for (; i < _pending.Count && _pending[i].ArrivalNs <= startNs; i++)
        {
            backlog = Math.Max(0, backlog - (_pending[i].ArrivalNs - atNs)) + _pending[i].DurationNs;
            atNs = _pending[i].ArrivalNs;
        }
        long wait = Math.Max(0, backlog - (startNs - atNs));
        _pending.Insert(i, (startNs, duration));
        return Math.Max(arrivalNs, startNs + wait + duration);
    }

    /// <summary>
    /// Receptions that reached the card by <paramref name="nowNs"/> are folded into the settled backlog (no message sent
    /// from now on can arrive before them); idle time among them refills the burst credits at the baseline rate.
    /// </summary>
    private void Settle(long nowNs)
    {
        int n = 0;
        while (n < _pending.Count && _pending[n].ArrivalNs <= nowNs)
        {
            var (arrival, duration) = _pending[n];
            long idle = arrival - _settledAtNs - _settledBacklogNs;
            if (idle > 0) _credits = Math.Min(_bucketCapacity, _credits + idle * _baseBytesPerNs);
            _settledBacklogNs = Math.Max(0, _settledBacklogNs - (arrival - _settledAtNs)) + duration;
            _settledAtNs = arrival;
            n++;
        }
        if (n > 0) _pending.RemoveRange(0, n);
    }

    /// <summary>Receptions computed but not yet reached by the clock, in arrival order: (arrival, serialisation time).</summary>
    private readonly List<(long ArrivalNs, long DurationNs)> _pending = [];
    private long _settledAtNs;
    private long _settledBacklogNs;

    /// <summary>
    /// TCP/IP headers in each packet: IPv4 20 bytes, TCP 20 and the timestamps option 12 (RFC 7323; Linux sends it by
    /// default, net.ipv4.tcp_timestamps = 1), so a segment carries MTU − 52 bytes of a message.
    /// </summary>
    public const int PacketHeaderBytes = 52;

    /// <summary>Ethernet around each packet on the wire (IEEE 802.3): header 14, frame check 4, preamble and delimiter 8, interframe gap 12.</summary>
    public const int FrameOverheadBytes = 38;

    /// <summary>
    /// The bytes a message of <paramref name="bytes"/> occupies on the wire: its TCP segments of at most MTU − 52 bytes,
    /// each with its headers and Ethernet framing. At a 1,500-byte MTU the card carries 94 % of its line rate in message
    /// bytes; with 9,001-byte jumbo frames, 99 %.
    /// </summary>
    public long WireBytes(int bytes)
    {
        if (Profile.Mtu <= PacketHeaderBytes) return bytes;
        int payload = Profile.Mtu - PacketHeaderBytes;
        long segments = Math.Max(1, (bytes + payload - 1) / payload);
        return bytes + segments * (PacketHeaderBytes + FrameOverheadBytes);
    }

    private long Serialise(int messageBytes)
    {
        long bytes = WireBytes(messageBytes);
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
