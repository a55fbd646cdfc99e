using Sim.Network.Faults;
using Sim.Network.Links;
using Sim.Network.Topology;

namespace Sim.Network.Transport;

public sealed partial class Network
{
    /// <summary>The live state of the link a message from <paramref name="from"/> to <paramref name="to"/> takes.</summary>
    public LinkState LinkBetween(Node from, Node to) =>
        from.Rack == to.Rack ? _rackLinks[from.Zone.Index] : _zoneLinks[from.Zone.Index, to.Zone.Index];

    public LinkState LinkBetween(Zone from, Zone to) => _zoneLinks[from.Index, to.Index];

    /// <summary>
    /// Applies a degradation to every direction from a zone in <paramref name="from"/> to one in
    /// <paramref name="to"/> (and back when <paramref name="bothWays"/>), each direction once however
    /// the sets overlap. It acts on zone-to-zone directions only: the same-rack path of a zone is not
    /// degraded, even when the zone is in both sets.
    /// </summary>
    public void Degrade(IReadOnlyList<Zone> from, IReadOnlyList<Zone> to, bool bothWays, LinkDegradation d)
    {
        foreach (var (a, b) in Directions(from, to, bothWays)) _zoneLinks[a.Index, b.Index].AddDegradation(d);
    }

    public void Restore(IReadOnlyList<Zone> from, IReadOnlyList<Zone> to, bool bothWays, LinkDegradation d)
    {
        foreach (var (a, b) in Directions(from, to, bothWays)) _zoneLinks[a.Index, b.Index].RemoveDegradation(d);
    }

    private List<(Zone, Zone)> Directions(IReadOnlyList<Zone> from, IReadOnlyList<Zone> to, bool bothWays)
    {
        // Overlapping sets name a direction more than once (a->b, then b->a back from b->a); a degradation
        // applied twice would count twice, so each ordered pair is kept at its first mention. The order is
        // the order of the arguments, never a hash set's.
        int zones = Topology.Zones.Count;
        var seen = new bool[zones * zones];
        var directions = new List<(Zone, Zone)>();
        foreach (var a in from)
        {
            foreach (var b in to)
            {
                AddOnce(a, b);
                if (bothWays) AddOnce(b, a);
            }
        }
        return directions;

        void AddOnce(Zone a, Zone b)
        {
            int i = a.Index * zones + b.Index;
            if (seen[i]) return;
            seen[i] = true;
            directions.Add((a, b));
        }
    }

    /// <summary>
    /// Bytes sent from zone <paramref name="from"/> to zone <paramref name="to"/>, retransmissions
    /// included. Within one zone that counts traffic between nodes of one rack as well as between racks.
    /// </summary>
    public long BytesBetween(Zone from, Zone to) =>
        from == to
            ? _zoneLinks[from.Index, to.Index].Bytes + _rackLinks[from.Index].Bytes
            : _zoneLinks[from.Index, to.Index].Bytes;

    /// <summary>Bytes that crossed from one zone to another (same region or not).</summary>
    public long CrossZoneBytes => SumBytes(crossRegionOnly: false);

    /// <summary>Bytes that crossed from one region to another.</summary>
    public long CrossRegionBytes => SumBytes(crossRegionOnly: true);

    private long SumBytes(bool crossRegionOnly)
    {
        long sum = 0;
        foreach (var a in Topology.Zones)
        {
            foreach (var b in Topology.Zones)
            {
                if (a == b || (crossRegionOnly && a.Region == b.Region)) continue;
                sum += _zoneLinks[a.Index, b.Index].Bytes;
            }
        }
        return sum;
    }
}
