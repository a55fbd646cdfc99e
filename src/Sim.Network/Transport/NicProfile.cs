namespace Sim.Network.Transport;

/// <summary>
/// A host's network card as the cloud sells it: a sustained <see cref="Baseline"/> in each direction, and
/// where the instance is sold as "up to" more, a <see cref="Burst"/> it may use while it has credits.
/// AWS: "Instance bandwidth specifications apply to both inbound and outbound traffic" and instances with
/// burst bandwidth "can use a network I/O credit mechanism to burst beyond their baseline bandwidth" for
/// a limited time, typically 5 to 60 minutes (EC2 User Guide, "Amazon EC2 instance network bandwidth").
/// AWS does not publish the credit bucket's size; <see cref="BurstSeconds"/> sizes it as the time a full
/// bucket sustains the burst rate, an assumption docs/hardware.md states.
/// </summary>
public sealed record NicProfile(Sim.Core.Bandwidth Baseline)
{
    /// <summary>The rate while credits last; null when the card has no burst (the baseline is the ceiling).</summary>
    public Sim.Core.Bandwidth? Burst { get; init; }

    /// <summary>How long a full credit bucket sustains <see cref="Burst"/>.</summary>
    public double BurstSeconds { get; init; } = 300;

    /// <summary>
    /// The credits the card starts with, as seconds of <see cref="Burst"/> (at most <see cref="BurstSeconds"/>); null
    /// starts the bucket full, as a freshly launched or long-idle instance has it. 0 starts it empty, the state a
    /// load sustained at or above the baseline leaves it in: from there a card carrying less than its baseline on
    /// average earns credits in its idle time and sends at the burst rate again, as AWS's credit mechanism lets it,
    /// while one carrying more stays at the baseline.
    /// </summary>
    public double? InitialCreditSeconds { get; init; }

    /// <summary>
    /// The largest IP packet the card sends (bytes): standard Ethernet's 1,500 unless the network carries jumbo frames
    /// (AWS: every current-generation instance supports 9,001 within a VPC; GCP VPCs default to 1,460). 0 counts a
    /// message's bytes only, without TCP/IP headers and Ethernet framing.
    /// </summary>
    public int Mtu { get; init; }
}
