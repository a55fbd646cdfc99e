using Sim.Architectures.Faults;
using Sim.Architectures.Templates;
using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Network.Faults;

namespace Sim.Experiments.Checking;

/// <summary>
/// Draws random fault schedules for <c>sim check</c> by swarm testing: each schedule first picks which
/// fault kinds it may use (each kind in or out with even odds, so some schedules hammer one kind and
/// others mix), then how many faults, and for each one its kind, target, start and length. Every draw
/// comes from the run's <c>faults</c> stream. Faults start after the warm-up and end early enough to
/// leave the cluster a quiet time to recover before the run ends (<see cref="Quiet"/>, or half the measured
/// time in shorter runs), so what is lost at the end was lost, not still on its way.
/// </summary>
public sealed class ScheduleDrawer(DeploymentPlan plan, SimDuration duration, SimDuration warmup, int maxFaults, bool powerLoss)
{
    /// <summary>The time left without faults at the end of every run long enough for it.</summary>
    public static readonly SimDuration Quiet = SimDuration.FromSeconds(40);

    private readonly SimDuration _quiet = SimDuration.Min(Quiet, SimDuration.FromNanoseconds((duration - warmup).Nanoseconds / 2));

    private enum Kind { LeaderCrash, BrokerCrash, ControllerCrash, ZoneIsolation, BrokerIsolation, LinkDegradation, SlowDisk, ZoneOutage }

    private readonly FaultNames _names = new(plan);
    private readonly IReadOnlyList<string> _brokers = plan.Model.Clusters.SelectMany(c => c.Brokers).Select(b => b.Name).ToList();
    private readonly IReadOnlyList<string> _controllers = plan.Model.Clusters.SelectMany(c => c.Controllers).Select(b => b.Name).ToList();
    private readonly IReadOnlyList<string> _zones = plan.Model.Clusters.SelectMany(c => c.Brokers)
        .Select(b => plan.Model.Network.Topology.Regions.SelectMany(r => r.Zones).First(z => z.Racks.Contains(b.Rack)).Name)
        .Distinct().Order(StringComparer.Ordinal).ToList();
    private readonly IReadOnlyList<string> _partitions = plan.Settings.Values.SelectMany(s => s.Topics)
        .Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal)).SelectMany(t => Enumerable.Range(0, t.Partitions).Select(p => $"{t.Name}/{p}")).ToList();

    public IReadOnlyList<Fault> Draw(RngStream rng)
    {
        var kinds = Enum.GetValues<Kind>().Where(Available).ToList();
        var enabled = kinds.Where(_ => rng.NextBool(0.5)).ToList();
        if (enabled.Count == 0) enabled.Add(kinds[rng.Next(kinds.Count)]);
        int n = 1 + rng.Next(maxFaults);
        var faults = new List<Fault>();
        double from = warmup.TotalSeconds, to = (duration - _quiet).TotalSeconds;
        for (int i = 0; i < n; i++)
        {
            var kind = enabled[rng.Next(enabled.Count)];
            double start = from + rng.NextDouble() * (to - from);
            double length = Math.Min(1 + rng.NextDouble() * 44, to - start);
            var at = SimTime.Zero + Whole(start);
            var d = Whole(Math.Max(0.5, length));
            faults.Add(Make(kind, at, d, rng) with { Key = $"faults.{i}" });
        }
        return faults.OrderBy(f => f.At).ToList();
    }

    // Whole milliseconds keep a printed schedule exact when pasted back.
    private static SimDuration Whole(double seconds) => SimDuration.FromMilliseconds(Math.Round(seconds * 1000));

    private bool Available(Kind k) => k switch
    {
        Kind.LeaderCrash => _partitions.Count > 0,
        Kind.ControllerCrash => _controllers.Count > 0,
        Kind.ZoneIsolation or Kind.LinkDegradation => _zones.Count > 1,
        Kind.ZoneOutage => powerLoss && _zones.Count > 1,
        _ => _brokers.Count > 0,
    };

    private Fault Make(Kind kind, SimTime at, SimDuration d, RngStream rng)
    {
        T Pick<T>(IReadOnlyList<T> from) => from[rng.Next(from.Count)];
        var crash = powerLoss && rng.NextBool(0.5) ? CrashMode.Hard : rng.NextBool(0.2) ? CrashMode.Clean : CrashMode.Process;
        switch (kind)
        {
            case Kind.LeaderCrash:
                return new BrokerCrash(at, d, Read(_names.Broker("leader-of:" + Pick(_partitions), _names.DefaultCluster))) { Mode = crash };
            case Kind.BrokerCrash:
                return new BrokerCrash(at, d, Read(_names.Broker(Pick(_brokers), null))) { Mode = crash };
            case Kind.ControllerCrash:
                return new ControllerCrash(at, d, Read(_names.Controller(Pick(_controllers), null)));
            case Kind.ZoneIsolation:
                return new NetworkPartition(at, d, Nodes(Pick(_zones)), null) { OneWay = rng.NextBool(0.25) };
            case Kind.BrokerIsolation:
                return new NetworkPartition(at, d, Nodes(Pick(_brokers)), null) { OneWay = rng.NextBool(0.25) };
            case Kind.LinkDegradation:
            {
                var a = Pick(_zones);
                var b = Pick(_zones.Where(z => z != a).ToList());
                var delay = SimDuration.FromMilliseconds(rng.Next(0, 5) * 50);
                double loss = rng.NextBool(0.5) ? Math.Round(rng.NextDouble() * 0.3, 2) : 0;
                if (delay == SimDuration.Zero && loss == 0) delay = SimDuration.FromMilliseconds(100);
                return new DegradedLinks(at, d, Places(a), Places(b), new LinkDegradation(delay, ExtraLoss: loss));
            }
            case Kind.SlowDisk:
                return new SlowDisk(at, d, Read(_names.Broker(Pick(_brokers), null)), SimDuration.FromMilliseconds(rng.Next(5, 200)));
            default:
                return new Outage(OutageLevel.Zone, at, d, Places(Pick(_zones)));
        }
    }

    // Targets are read as the loader reads them, so a printed schedule reads back as the same faults.
    private static T Read<T>(Parsed<T> parsed) where T : class =>
        parsed.Value ?? throw new ArgumentException(parsed.Problem);

    private Targets<NodeRef> Nodes(string name) => new([Read(_names.Node(name, _names.DefaultCluster, null))]);

    private Targets<PlaceRef> Places(string zone) => new([Read(_names.Place(zone, null))]);
}
