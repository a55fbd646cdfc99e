using FsCheck.Xunit;
using Sim.Core.Randomness;
using Sim.Kafka.Metadata;

namespace Sim.Kafka.Tests.Metadata;

/// <summary>
/// KRaft's striped placement (<c>StripedReplicaPlacer</c>, StripedReplicaPlacerTest) over layouts of equal
/// zones: every partition spans min(RF, racks) racks with distinct brokers, and leader racks are striped, so
/// per-rack leader counts differ by at most one. Per-broker leadership is only as even as the placer's random
/// starts and reshuffles make it, in Kafka as here, so it is not asserted exactly.
/// </summary>
public sealed class ReplicaPlacementTests
{
    private static List<(int Id, string Rack)> Layout(int zones, int perZone) =>
        [.. Enumerable.Range(0, zones * perZone).Select(i => (i + 1, $"z{i / perZone}"))];

    private static int[][] Place(int zones, int perZone, int partitions, int rf, ulong seed = 7) =>
        ReplicaPlacement.Assign(Layout(zones, perZone), partitions, rf, (int)(seed % 1000), new RngStream("placement", seed));

    private static int Racks(int[] replicas, int perZone) => replicas.Select(b => (b - 1) / perZone).Distinct().Count();

    [Property(MaxTest = 300)]
    public bool Assign_AnyLayout_EveryPartitionSpansMinOfRfAndRacksWithDistinctBrokers(uint zoneCode, uint brokerCode, uint rfCode, uint partitionCode, ulong seed)
    {
        int zones = 1 + (int)(zoneCode % 5), perZone = 1 + (int)(brokerCode % 6);
        int rf = 1 + (int)(rfCode % (uint)Math.Min(zones * perZone, 5)), partitions = 1 + (int)(partitionCode % 200);
        var assignment = Place(zones, perZone, partitions, rf, seed);
        return assignment.Length == partitions && assignment.All(r =>
            r.Length == rf && r.Distinct().Count() == rf && Racks(r, perZone) == Math.Min(rf, zones));
    }

    [Property(MaxTest = 300)]
    public bool Assign_AnyLayout_LeaderRacksAreStripedSoPerRackLeaderCountsDifferByAtMostOne(uint zoneCode, uint brokerCode, uint rfCode, uint partitionCode, ulong seed)
    {
        int zones = 1 + (int)(zoneCode % 5), perZone = 1 + (int)(brokerCode % 6);
        int rf = 1 + (int)(rfCode % (uint)Math.Min(zones * perZone, 5)), partitions = 1 + (int)(partitionCode % 200);
        var leadersPerRack = Place(zones, perZone, partitions, rf, seed)
            .GroupBy(r => (r[0] - 1) / perZone).Select(g => g.Count()).ToList();
        while (leadersPerRack.Count < zones) leadersPerRack.Add(0);
        return leadersPerRack.Max() - leadersPerRack.Min() <= 1;
    }

    [Theory]
    [InlineData(3, 4, 96, 3)]
    [InlineData(2, 2, 8, 2)]
    public void Assign_ZoneLayout_EveryPartitionSpansEveryZone(int zones, int perZone, int partitions, int rf)
    {
        var assignment = Place(zones, perZone, partitions, rf);
        Assert.Equal(partitions, assignment.Count(r => Racks(r, perZone) == zones));
    }

    [Fact]
    public void Assign_SameRandomSource_SameAssignment()
    {
        Assert.Equal(Place(3, 4, 50, 3, 11), Place(3, 4, 50, 3, 11));
    }

    [Fact]
    public void Assign_OneRackOneBroker_EveryPartitionOnIt()
    {
        Assert.All(Place(1, 1, 5, 1), r => Assert.Equal([1], r));
    }

    /// <summary>
    /// StripedReplicaPlacer (RackList.place): a leader is always unfenced, and a fenced broker gets a replica only when
    /// its rack has no unfenced broker left in the round; with two unfenced brokers in every rack it gets none.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool Assign_WithFencedBrokers_LeadersAreUnfencedAndAFencedBrokerIsUsedOnlyWhereItsRackHasNoOther(uint zoneCode, uint rfCode, uint partitionCode, uint fencedCode, ulong seed)
    {
        int zones = 1 + (int)(zoneCode % 4), perZone = 3;
        int rf = 1 + (int)(rfCode % (uint)Math.Min(zones, 3)), partitions = 1 + (int)(partitionCode % 100);
        // One fenced broker per rack at most: every rack keeps two unfenced brokers.
        var fenced = Enumerable.Range(0, zones).Where(z => (fencedCode >> z & 1) == 1).Select(z => z * perZone + 1 + (int)(fencedCode % 3)).ToHashSet();
        var assignment = ReplicaPlacement.Assign(Layout(zones, perZone), partitions, rf, (int)(seed % 1000), new RngStream("placement", seed), fenced.Contains);
        return assignment.All(r => r.Distinct().Count() == rf && !r.Any(fenced.Contains) && Racks(r, perZone) == Math.Min(rf, zones));
    }

    /// <summary>StripedReplicaPlacer: with a rack whose only broker is fenced, followers may land on it but the leader never does.</summary>
    [Property(MaxTest = 200)]
    public bool Assign_ARackWithOnlyAFencedBroker_NeverLeads(uint partitionCode, ulong seed)
    {
        var assignment = ReplicaPlacement.Assign(Layout(3, 1), 1 + (int)(partitionCode % 50), 3, (int)(seed % 1000), new RngStream("placement", seed), b => b == 2);
        return assignment.All(r => r[0] != 2 && r.Distinct().Count() == 3);
    }
}
