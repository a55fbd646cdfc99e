namespace Sim.Kafka.Metadata;

/// <summary>
/// Rack-aware replica assignment in the spirit of Kafka's: brokers are ordered alternating between
/// failure domains (zones first, then racks), each partition's first replica rotates through that
/// order, and further replicas go to domains not yet used before any domain is used twice. So a
/// topic with RF 3 over three AZs has one replica per AZ, and leaders spread evenly.
/// </summary>
public static class ReplicaPlacement
{
    /// <param name="brokers">Broker ids with their zone and rack names, in id order.</param>
    public static int[][] Assign(IReadOnlyList<(int Id, string Zone, string Rack)> brokers, int partitions, int replicationFactor, int startIndex = 0)
    {
        if (replicationFactor > brokers.Count)
            throw new ArgumentException($"replication factor {replicationFactor} exceeds the {brokers.Count} brokers");
        var ordered = Alternate(brokers);
        int n = ordered.Count;
        var result = new int[partitions][];
        for (int p = 0; p < partitions; p++)
        {
            var chosen = new List<(int Id, string Zone, string Rack)>();
            int first = (startIndex + p) % n;
            int shift = n > 1 ? 1 + (p / n) % (n - 1) : 1;
            chosen.Add(ordered[first]);
            for (int step = 1; chosen.Count < replicationFactor && step <= n * n; step++)
            {
                var candidate = ordered[(first + step * shift) % n];
                if (chosen.Any(c => c.Id == candidate.Id)) continue;
                bool zonesLeft = ordered.Any(b => chosen.All(c => c.Zone != b.Zone));
                bool racksLeft = ordered.Any(b => chosen.All(c => c.Rack != b.Rack));
                if (zonesLeft && chosen.Any(c => c.Zone == candidate.Zone)) continue;
                if (!zonesLeft && racksLeft && chosen.Any(c => c.Rack == candidate.Rack)) continue;
                chosen.Add(candidate);
            }
            // Shifts that cycle short of every broker fall back to the first unused ones.
            foreach (var b in ordered)
            {
                if (chosen.Count >= replicationFactor) break;
                if (chosen.All(c => c.Id != b.Id)) chosen.Add(b);
            }
            result[p] = chosen.Select(c => c.Id).ToArray();
        }
        return result;
    }

    private static List<(int Id, string Zone, string Rack)> Alternate(IReadOnlyList<(int Id, string Zone, string Rack)> brokers)
    {
        var byZone = brokers.GroupBy(b => b.Zone).Select(g => new Queue<(int, string, string)>(AlternateRacks(g.ToList()))).ToList();
        var result = new List<(int, string, string)>();
        while (result.Count < brokers.Count)
        {
            foreach (var q in byZone)
            {
                if (q.Count > 0) result.Add(q.Dequeue());
            }
        }
        return result;
    }

    private static List<(int Id, string Zone, string Rack)> AlternateRacks(List<(int Id, string Zone, string Rack)> brokers)
    {
        var byRack = brokers.GroupBy(b => b.Rack).Select(g => new Queue<(int, string, string)>(g)).ToList();
        var result = new List<(int, string, string)>();
        while (result.Count < brokers.Count)
        {
            foreach (var q in byRack)
            {
                if (q.Count > 0) result.Add(q.Dequeue());
            }
        }
        return result;
    }
}
