using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// Where the space-time diagram puts its lifelines: one column per host, in the trace's order (which
/// groups hosts by zone), with a wider gap between zones so each zone can sit on its own background band.
/// A host a message names but the trace does not list is added at the end, in a zone of its own, so every
/// message has both ends.
/// </summary>
internal sealed class SpaceTimeLayout
{
    /// <summary>Extra room between two zones, in columns.</summary>
    private const double ZoneGap = 0.6;

    /// <summary>A host's lifeline at <see cref="X"/>.</summary>
    public sealed record Column(TraceHost Host, double X);

    /// <summary>A zone's band, from <see cref="Left"/> to <see cref="Right"/>, around its hosts' columns.</summary>
    public sealed record Band(string Zone, double Left, double Right);

    private readonly Dictionary<string, Column> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TraceHost> hosts = new(StringComparer.Ordinal);

    public SpaceTimeLayout(RunTrace trace)
    {
        var all = trace.Hosts.DistinctBy(h => h.Name, StringComparer.Ordinal).ToList();
        var listed = all.Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
        var unlisted = trace.Messages.SelectMany(m => new[] { m.From, m.To })
            .Where(n => !listed.Contains(n))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(n => new TraceHost(n, "unknown", ""));
        all.AddRange(unlisted);

        // Zones keep the order in which their first host comes, and hosts are gathered under their zone.
        var zones = all.Select(h => h.Zone).Distinct(StringComparer.Ordinal).ToList();
        var columns = new List<Column>();
        var bands = new List<Band>();
        var x = 0.0;
        foreach (var zone in zones)
        {
            var first = x;
            foreach (var host in all.Where(h => h.Zone == zone))
            {
                columns.Add(new Column(host, x));
                x += 1;
            }
            bands.Add(new Band(zone, first - 0.5, x - 0.5));
            x += ZoneGap;
        }
        Columns = columns;
        Bands = bands;
        foreach (var column in columns)
        {
            byName[column.Host.Name] = column;
            hosts[column.Host.Name] = column.Host;
        }
    }

    public IReadOnlyList<Column> Columns { get; }

    public IReadOnlyList<Band> Bands { get; }

    /// <summary>The x range that holds every band, with a little air at both ends.</summary>
    public (double Min, double Max) XRange => Bands.Count == 0 ? (-0.5, 0.5) : (Bands[0].Left - 0.1, Bands[^1].Right + 0.1);

    public double XOf(string host) => byName[host].X;

    /// <summary>Every host by name, the unlisted ones included.</summary>
    public IReadOnlyDictionary<string, TraceHost> Hosts => hosts;
}
