using Sim.Core;
using Sim.Core.Distributions;
using Sim.Core.Time;

namespace Sim.Network.Links;

/// <summary>
/// The resolved figures of one direction of a link: round-trip time, one-way jitter, per-message loss
/// probability and bandwidth (null: not a bottleneck). A message's one-way delay is RTT/2 plus a
/// jitter draw, never below zero.
/// </summary>
public sealed record LinkProfile(string Name, SimDuration Rtt, DistributionSpec? Jitter, double Loss, Bandwidth? Bandwidth)
{
    public SimDuration OneWay => Rtt / 2;

    /// <summary>
    /// The first retransmission timeout after a loss. Linux computes RTO as SRTT + max(rto_min, 4·RTTVAR)
    /// with rto_min = 200 ms (RFC 6298 §2 and the kernel's TCP_RTO_MIN), so for a steady link it is
    /// about RTT + 200 ms; it doubles on each further loss of the same segment (RFC 6298 §5.5).
    /// </summary>
    public SimDuration InitialRto => Rtt + SimDuration.FromMilliseconds(200);

    public LinkProfile With(LinkProfileOptions o) => new(
        o.Preset ?? Name,
        o.Rtt ?? Rtt,
        o.Jitter ?? Jitter,
        o.Loss ?? Loss,
        o.UnlimitedBandwidth ? null : o.Bandwidth ?? Bandwidth);
}
