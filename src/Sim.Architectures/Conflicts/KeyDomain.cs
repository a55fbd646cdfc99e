using Sim.Kafka.Clients;

namespace Sim.Architectures.Conflicts;

/// <summary>
/// The keys a producer with <c>keys: K</c> writes to one partition: <c>key-0</c> … <c>key-(K-1)</c> hashed with
/// murmur2 (the default partitioner), the key space the producer draws from uniformly. Two sites whose
/// producers write the same topic with the same key names share the keys both draw below the smaller count.
/// A batch of n records drawn uniformly from D keys touches D(1 - (1 - 1/D)^n) distinct keys on average,
/// so the keys two sites' batches share are expectations over counts, never per-record key objects (request granularity).
/// </summary>
internal static class KeyDomain
{
    /// <summary>Per partition number, how many of the first <paramref name="keys"/> keys hash there.</summary>
    public static int[] PerPartition(int keys, int partitions)
    {
        var counts = new int[partitions];
        for (int k = 0; k < keys; k++) counts[Murmur2.Partition("key-" + k, partitions)]++;
        return counts;
    }

    /// <summary>Expected distinct keys among <paramref name="records"/> uniform draws from <paramref name="domain"/> keys.</summary>
    public static double Distinct(int records, int domain) =>
        domain <= 0 ? 0 : domain * (1 - Math.Pow(1 - 1.0 / domain, records));
}
