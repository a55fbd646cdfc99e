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
/// Fenced brokers (the <c>fenced</c> argument of <see cref="Assign"/>) are kept in separate lists: a leader comes
/// only from unfenced brokers (the walk moves on from a rack that has none), a follower from a fenced broker only once
/// its rack's unfenced brokers are used up in the round, and the reshuffle counts unfenced brokers (RackList.place).
/// </summary>
public static class ReplicaPlacement
{
    /// <param name="brokers">Broker ids with their <c>broker.rack</c> (ClusterControlManager.usableBrokers: registered, not shutting down).</param>
    /// <param name="start">Partitions placed before this topic: where its rack and broker walks start.</param>
    /// <param name="random">The placer's random source for its reshuffles.</param>
    /// <param name="fenced">Which of <paramref name="brokers"/> are fenced (none when null).</param>
    public static int[][] Assign(IReadOnlyList<(int Id, string Rack)> brokers, int partitions, int replicationFactor, int start, Random random, Func<int, bool>? fenced = null)
    {
        fenced ??= _ => false;
        int unfenced = brokers.Count(b => !fenced(b.Id));
        if (replicationFactor <= 0)
            throw new ArgumentException($"replication factor {replicationFactor} must be positive");
        if (replicationFactor > brokers.Count)
            throw new ArgumentException($"replication factor {replicationFactor} exceeds the {brokers.Count} brokers");
        if (unfenced == 0)
            throw new ArgumentException("all brokers are currently fenced");
        var racks = brokers.GroupBy(b => b.Rack, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PlacementRack(g.Key, g.Where(b => !fenced(b.Id)).Select(b => b.Id).ToList(), g.Where(b => fenced(b.Id)).Select(b => b.Id).ToList()))
            .ToList();
        foreach (var rack in racks) rack.Initialize(start / racks.Count);
        int offset = start % racks.Count;
        int sinceShuffle = 0;
        var result = new int[partitions][];
        for (int p = 0; p < partitions; p++)
        {
            // The placer reshuffles once it has placed as many partitions as there are unfenced brokers (not with one).
            if (sinceShuffle == unfenced && unfenced > 1)
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

    /// <summary>One partition: its leader from the first rack from <paramref name="offset"/> with an unfenced broker, then the racks from the offset in turn.</summary>
    private static int[] PlaceOne(List<PlacementRack> racks, int offset, int round, int replicationFactor)
    {
        var replicas = new int[replicationFactor];
        int leaderRack = offset;
        while ((replicas[0] = racks[leaderRack].NextUnfenced(round)) < 0) leaderRack = (leaderRack + 1) % racks.Count;
        int index = offset;
        bool leaderRackSkipped = false;
        for (int r = 1; r < replicationFactor; r++)
        {
            int broker = -1;
            while (broker < 0)
            {
                // The leader's rack is passed over on the first lap only, so it gets a second replica only
                // after every other rack has one.
                if (index == leaderRack && !leaderRackSkipped) leaderRackSkipped = true;
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
