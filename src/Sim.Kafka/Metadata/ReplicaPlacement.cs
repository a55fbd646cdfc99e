namespace Sim.Kafka.Metadata;

/// <summary>
/// Replica assignment of a new topic as the KRaft controller does it: Kafka 3.x/4.x place replicas with
/// <c>org.apache.kafka.metadata.placement.StripedReplicaPlacer</c> (the ZooKeeper-era
/// <c>AdminUtils.assignReplicasToBrokersRackAware</c> is no longer used by KRaft). Racks are sorted by name,
/// each with its brokers sorted by id and a random start; each partition takes its leader from the rack
/// after the previous partition's leader rack, then one replica from each following rack in turn, so no
/// rack gets a second replica before every rack has one, and every partition spans min(RF, racks) racks.
/// After as many partitions as there are brokers the rack order and each rack's broker order are
/// reshuffled, so leadership does not repeat one pattern. Leader racks are exactly striped (within each
/// run of as many partitions as brokers, every rack leads in turn); leadership per broker is balanced
/// only as far as the starts and reshuffles make it, as in Kafka (apache/kafka PR #12529 shows the placer does
/// not guarantee even leaders).
/// Kafka draws the rack and broker starts at random for each new topic, so that small topics do not all
/// lead on one rack; here each topic starts where the topics placed before it stopped (<c>start</c>, the
/// number of partitions placed before), which serves the same aim and keeps every run of a model the same.
/// The reshuffles draw from <c>random</c>.
/// Simplification: every broker is unfenced when the model creates its topics, so the placer's separate
/// fenced-broker lists are not modelled.
/// </summary>
public static class ReplicaPlacement
{
    /// <param name="brokers">Broker ids with their <c>broker.rack</c>.</param>
    /// <param name="start">Partitions placed before this topic: where its rack and broker walks start.</param>
    /// <param name="random">The placer's random source for its reshuffles.</param>
    public static int[][] Assign(IReadOnlyList<(int Id, string Rack)> brokers, int partitions, int replicationFactor, int start, Random random)
    {
        if (replicationFactor <= 0)
            throw new ArgumentException($"replication factor {replicationFactor} must be positive");
        if (replicationFactor > brokers.Count)
            throw new ArgumentException($"replication factor {replicationFactor} exceeds the {brokers.Count} brokers");
        var racks = brokers.GroupBy(b => b.Rack, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PlacementRack(g.Key, g.Select(b => b.Id).ToList()))
            .ToList();
        foreach (var rack in racks) rack.Initialize(start / racks.Count);
        int offset = start % racks.Count;
        int sinceShuffle = 0;
        var result = new int[partitions][];
        for (int p = 0; p < partitions; p++)
        {
            // The placer reshuffles once it has placed as many partitions as there are brokers (not with one broker).
            if (sinceShuffle == brokers.Count && brokers.Count > 1)
            {
                Shuffle(racks, random);
                foreach (var rack in racks) rack.Shuffle(random);
                sinceShuffle = 0;
            }
            if (offset == racks.Count) offset = 0;
            // Each partition is its own round. Kafka numbers rounds from 0 again after a reshuffle; a rack
            // last used in the same-numbered round of the previous lap then misses its restart and can
            // refuse a replica, so here rounds are never reused (the partition index).
            result[p] = PlaceOne(racks, offset, p, replicationFactor);
            sinceShuffle++;
            offset++;
        }
        return result;
    }

    /// <summary>One partition: its leader from the rack at <paramref name="offset"/>, then the following racks in turn.</summary>
    private static int[] PlaceOne(List<PlacementRack> racks, int offset, int round, int replicationFactor)
    {
        var replicas = new int[replicationFactor];
        // Every rack has a broker left at the start of a round, so the leader's rack is the rack at the offset.
        replicas[0] = racks[offset].Next(round);
        int index = offset;
        bool leaderRackSkipped = false;
        for (int r = 1; r < replicationFactor; r++)
        {
            int broker = -1;
            while (broker < 0)
            {
                // The leader's rack is passed over on the first lap only, so it gets a second replica only
                // after every other rack has one.
                if (index == offset && !leaderRackSkipped) leaderRackSkipped = true;
                else broker = racks[index].Next(round);
                index = (index + 1) % racks.Count;
            }
            replicas[r] = broker;
        }
        return replicas;
    }

    /// <summary>Fisher-Yates shuffle drawing from <paramref name="random"/> (as <c>Collections.shuffle</c> does).</summary>
    internal static void Shuffle<T>(List<T> items, Random random)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
