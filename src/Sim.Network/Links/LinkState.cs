using Sim.Core;
using Sim.Core.Distributions;
using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Network.Faults;

namespace Sim.Network.Links;

/// <summary>
/// The live state of one direction of a link: its resolved profile, the degradations in force, its
/// random stream, the FIFO transmit queue that bandwidth creates, and the traffic counters.
/// </summary>
/// <remarks>
/// Bandwidth is modelled as one FIFO transmitter per direction shared by every connection crossing
/// it: a message starts serialising when the previous one has left, so a link offered more than it
/// carries builds a queue, and its delay follows the M/D/1 law for fixed-size messages.
/// </remarks>
public sealed class LinkState
{
    private readonly List<LinkDegradation> _degradations = [];
    private readonly Distribution? _baseJitter;
    private readonly List<Distribution> _extraJitter = [];
    private long _transmitterFreeAtNs;

    public LinkState(string name, LinkProfile profile, RngStream rng)
    {
        Name = name;
        Profile = profile;
        Rng = rng;
        _baseJitter = profile.Jitter?.Build();
        Recompute();
    }

    public string Name { get; }
    public LinkProfile Profile { get; }
    public RngStream Rng { get; }

    public long Bytes { get; private set; }
    public long Messages { get; private set; }
    public long Retransmissions { get; private set; }

    /// <summary>The effective loss probability per transmission, degradations included.</summary>
    public double Loss { get; private set; }

    /// <summary>The effective bandwidth, degradations included; null when unlimited.</summary>
    public Bandwidth? Bandwidth { get; private set; }

    public SimDuration ExtraDelay { get; private set; }

    public void AddDegradation(LinkDegradation d)
    {
        _degradations.Add(d);
        Recompute();
    }

    public void RemoveDegradation(LinkDegradation d)
    {
        _degradations.Remove(d);
        Recompute();
    }

    private void Recompute()
    {
        double keep = 1 - Profile.Loss;
        double bwFactor = 1;
        var extra = SimDuration.Zero;
        _extraJitter.Clear();
        foreach (var d in _degradations)
        {
            keep *= 1 - d.ExtraLoss;
            bwFactor *= d.BandwidthFactor;
            extra += d.ExtraDelay;
            if (d.ExtraJitter is not null) _extraJitter.Add(d.ExtraJitter.Build());
        }
        Loss = 1 - keep;
        ExtraDelay = extra;
        Bandwidth = Profile.Bandwidth is { } bw ? new Bandwidth(bw.BitsPerSecond * bwFactor) : null;
    }

    /// <summary>
    /// When a message of <paramref name="bytes"/> handed over at <paramref name="nowNs"/> has left the
    /// transmitter: at once on an unlimited link, otherwise after the queue ahead of it and its own
    /// serialisation.
    /// </summary>
    public long Transmit(long nowNs, int bytes)
    {
        Bytes += bytes;
        Messages++;
        if (Bandwidth is not { } bw) return nowNs;
        long start = Math.Max(nowNs, _transmitterFreeAtNs);
        _transmitterFreeAtNs = start + bw.SerializationDelay(bytes).Nanoseconds;
        return _transmitterFreeAtNs;
    }

    /// <summary>One propagation delay: RTT/2 plus jitter plus any degradation delay, never negative.</summary>
    public long PropagationNs()
    {
        double ns = Profile.OneWay.Nanoseconds + ExtraDelay.Nanoseconds;
        if (_baseJitter is not null) ns += _baseJitter.Sample(Rng);
        for (int i = 0; i < _extraJitter.Count; i++) ns += _extraJitter[i].Sample(Rng);
        return ns <= 0 ? 0 : (long)Math.Round(ns);
    }

    /// <summary>
    /// The ceiling on one retransmission timeout. Linux clamps the doubled RTO at TCP_RTO_MAX = 120 s
    /// (include/net/tcp.h; RFC 6298 §2.5 allows any ceiling of at least 60 s), which is why tcp_retries2
    /// = 15 means about 924.6 s before a connection is given up (Documentation/networking/ip-sysctl.rst).
    /// </summary>
    public static readonly SimDuration TcpRtoMax = SimDuration.FromSeconds(120);

    /// <summary>
    /// The delay TCP adds by retransmitting after losses: each loss costs the current RTO, which starts
    /// at <see cref="LinkProfile.InitialRto"/> and doubles (RFC 6298) up to <see cref="TcpRtoMax"/>.
    /// Returns -1 when the segment is lost more than <paramref name="maxRetries"/> times, which ends the
    /// connection (Linux tcp_retries2 = 15); <see cref="GiveUpDelayNs"/> says when the sender learns it.
    /// </summary>
    public long RetransmissionDelayNs(int bytes, int maxRetries, out int retransmissions)
    {
        retransmissions = 0;
        if (Loss <= 0) return 0;
        long delay = 0;
        long rto = FirstRtoNs();
        while (Rng.NextDouble() < Loss)
        {
            if (retransmissions == maxRetries) return -1;
            retransmissions++;
            Retransmissions++;
            Bytes += bytes;
            delay += rto;
            rto = NextRtoNs(rto);
        }
        return delay;
    }

    /// <summary>
    /// How long after a segment's first transmission TCP gives up on it when every one of its
    /// <paramref name="maxRetries"/> retransmissions is lost too: the sum of the
    /// <paramref name="maxRetries"/> + 1 timeouts, the last of which finds no retransmission left.
    /// Draws nothing from the random stream.
    /// </summary>
    public long GiveUpDelayNs(int maxRetries)
    {
        long delay = 0;
        long rto = FirstRtoNs();
        for (int i = 0; i <= maxRetries; i++)
        {
            delay += rto;
            rto = NextRtoNs(rto);
        }
        return delay;
    }

    /// <summary>
    /// Counts one retransmission of a segment of <paramref name="bytes"/> that TCP makes while a cut holds its
    /// connection (the bytes go on the wire even though the cut drops them; pass 0 when the same
    /// retransmission is also charged by <see cref="Transmit"/>).
    /// </summary>
    public void CountRetransmission(int bytes)
    {
        Retransmissions++;
        Bytes += bytes;
    }

    /// <summary>The connection's first retransmission timeout now, degradations included (RFC 6298 §2).</summary>
    public long InitialRtoNs => FirstRtoNs();

    /// <summary>The timeout after <paramref name="rtoNs"/> expired: doubled (RFC 6298 §5.5), capped at <see cref="TcpRtoMax"/>.</summary>
    public static long BackedOffRtoNs(long rtoNs) => NextRtoNs(rtoNs);

    // RTO is about SRTT + rto_min. A degradation adds one-way delay to this direction only, so the
    // round trip the sender measures grows by it once; the reverse direction's own degradation, if any,
    // belongs to that direction's link and is not seen here.
    private long FirstRtoNs() => Math.Min((Profile.InitialRto + ExtraDelay).Nanoseconds, TcpRtoMax.Nanoseconds);

    // The cap is applied to each doubling, so the doubled value never overflows however many losses.
    private static long NextRtoNs(long rto) => Math.Min(rto * 2, TcpRtoMax.Nanoseconds);
}
