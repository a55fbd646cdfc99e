namespace Sim.Architectures.Metrics;

/// <summary>
/// One application's stream of writes (or deliveries) into one partition: the application, the cluster and
/// topic the partition belongs to and its number in the topic. Recovery is judged per stream; keying by the
/// partition number alone would let a local partition's deliveries hide a stalled remote (mirrored) one of the
/// same number, and a producer's writes to one cluster hide its silence on another after a switch.
/// </summary>
public readonly record struct StreamKey(string App, string Cluster, string Topic, int Partition) : IComparable<StreamKey>
{
    public int CompareTo(StreamKey other)
    {
        int c = string.CompareOrdinal(App, other.App);
        if (c == 0) c = string.CompareOrdinal(Cluster, other.Cluster);
        if (c == 0) c = string.CompareOrdinal(Topic, other.Topic);
        return c != 0 ? c : Partition.CompareTo(other.Partition);
    }

    public override string ToString() => $"{App} {Cluster}/{Topic}-{Partition}";
}
