using Sim.Core;
using Sim.Core.Distributions;
using Sim.Core.Time;

namespace Sim.Network.Links;

/// <summary>
/// Named starting points for link profiles, with figures from public sources (see docs/network.md for
/// the table and citations). Every figure can be overridden in a model file.
/// </summary>
public static class LinkPresets
{
    public const string SameRack = "same-rack";
    public const string SameZone = "same-zone";
    public const string CrossAz = "cross-az";
    public const string MetroDc = "metro-dc";
    public const string CrossRegion = "cross-region";
    public const string Loopback = "loopback";

    private static DistributionSpec NormalJitter(double stddevMs) => new(
        "normal",
        new Dictionary<string, double> { ["mean"] = 0, ["stddev"] = stddevMs * SimDuration.NanosPerMillisecond },
        QuantityKind.Duration);

    private static readonly Dictionary<string, LinkProfile> All = new(StringComparer.Ordinal)
    {
        // Top-of-rack switching: tens of microseconds each way.
        [SameRack] = new(SameRack, SimDuration.FromMicroseconds(100), NormalJitter(0.01), 0, null),
        // Inside one AZ or one data centre, across racks: a few hundred microseconds round trip.
        [SameZone] = new(SameZone, SimDuration.FromMicroseconds(250), NormalJitter(0.02), 0, null),
        // Between AZs of one cloud region: typically 1-2 ms RTT; a 25 Gbps instance-class path.
        [CrossAz] = new(CrossAz, SimDuration.FromMicroseconds(1500), NormalJitter(0.1), 0, new Bandwidth(25e9)),
        // Between data centres of one metro area over dedicated fibre: under 10 ms, a 10G wave.
        [MetroDc] = new(MetroDc, SimDuration.FromMilliseconds(2), NormalJitter(0.2), 0, new Bandwidth(10e9)),
        // Between cloud regions: 30-150 ms; 5 Gbps is the common single-flow limit outside a placement group.
        [CrossRegion] = new(CrossRegion, SimDuration.FromMilliseconds(70), NormalJitter(2), 0, new Bandwidth(5e9)),
        // A node talking to itself: no wire at all.
        [Loopback] = new(Loopback, SimDuration.Zero, null, 0, null),
    };

    public static IReadOnlyCollection<string> Names => All.Keys;

    public static bool TryGet(string name, out LinkProfile profile) => All.TryGetValue(name, out profile!);

    public static LinkProfile Get(string name) =>
        All.TryGetValue(name, out var p) ? p : throw new KeyNotFoundException($"no link preset named '{name}'");
}
