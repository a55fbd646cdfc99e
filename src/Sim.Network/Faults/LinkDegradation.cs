using Sim.Core.Distributions;
using Sim.Core.Time;

namespace Sim.Network.Faults;

/// <summary>
/// A temporary worsening of the links from one set of zones to another: added one-way delay, added
/// jitter, added loss probability (combined with the link's own as independent losses), and a factor
/// on bandwidth (0.1 leaves a tenth).
/// </summary>
public sealed record LinkDegradation(
    SimDuration ExtraDelay,
    DistributionSpec? ExtraJitter = null,
    double ExtraLoss = 0,
    double BandwidthFactor = 1);
