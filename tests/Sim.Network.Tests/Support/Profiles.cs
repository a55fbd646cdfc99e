using Sim.Core;
using Sim.Core.Distributions;
using Sim.Core.Time;
using Sim.Network.Links;

namespace Sim.Network.Tests.Support;

/// <summary>Link profiles and jitter specs for tests, written in the same option records a model file yields.</summary>
internal static class Profiles
{
    public static SimDuration Ms(double ms) => SimDuration.FromMilliseconds(ms);

    /// <summary>
    /// A link with an exact RTT: no jitter (a constant zero, since an unset jitter would inherit the
    /// preset's), the given loss, and unlimited bandwidth unless one is given.
    /// </summary>
    public static LinkProfileOptions Fixed(SimDuration rtt, double loss = 0, Bandwidth? bandwidth = null) =>
        new(Rtt: rtt, Jitter: NoJitter, Loss: loss, Bandwidth: bandwidth, UnlimitedBandwidth: bandwidth is null);

    /// <summary>A lossless, unlimited link with the given RTT and jitter.</summary>
    public static LinkProfileOptions Jittered(SimDuration rtt, DistributionSpec jitter) =>
        new(Rtt: rtt, Jitter: jitter, Loss: 0, UnlimitedBandwidth: true);

    public static DistributionSpec NoJitter => DistributionSpec.Constant(0, QuantityKind.Duration);

    public static DistributionSpec NormalJitter(SimDuration stddev) => new(
        "normal",
        new Dictionary<string, double> { ["mean"] = 0, ["stddev"] = stddev.Nanoseconds },
        QuantityKind.Duration);

    public static DistributionSpec LogNormalJitter(SimDuration median, SimDuration p99) => new(
        "lognormal",
        new Dictionary<string, double> { ["median"] = median.Nanoseconds, ["p99"] = p99.Nanoseconds },
        QuantityKind.Duration);
}
