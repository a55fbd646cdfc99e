using Sim.Core;
using Sim.Core.Distributions;
using Sim.Core.Time;

namespace Sim.Network.Links;

/// <summary>
/// A link profile as written: a preset to start from and any figures that override it. Unset fields
/// come from the preset (or the scope's default preset).
/// </summary>
public sealed record LinkProfileOptions(
    string? Preset = null,
    SimDuration? Rtt = null,
    DistributionSpec? Jitter = null,
    double? Loss = null,
    Bandwidth? Bandwidth = null,
    bool UnlimitedBandwidth = false);

/// <summary>
/// A link override between two places (zones or regions). <see cref="From"/> and <see cref="To"/> are
/// names; <see cref="Bidirectional"/> says whether <c>a/b</c> (both directions) or <c>a->b</c> (one) was written.
/// <see cref="Key"/> is the key as written, for error messages.
/// </summary>
public sealed record LinkOptions(string Key, string From, string To, bool Bidirectional, LinkProfileOptions Profile);
