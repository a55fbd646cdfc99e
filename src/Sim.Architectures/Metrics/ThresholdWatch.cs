namespace Sim.Architectures.Metrics;

/// <summary>
/// The seed's utilisation thresholds for a sized broker ("Capacity Planning: Broker Capacity": CPU 70 % average,
/// memory 80 %, disk 60 %, network 70 % of bandwidth) and which brokers' time-series intervals went over them.
/// The seed's disk threshold is about room to grow; here it is held against how busy the disks are, the
/// resource that bounds a broker's write rate (storage used is measured apart).
/// </summary>
public static class ThresholdWatch
{
    /// <summary>Each watched resource, its threshold, and how to read it from a sample.</summary>
    public static readonly IReadOnlyList<(string Resource, double Threshold, Func<BrokerUtilisation, double> Read)> Thresholds =
    [
        ("cpu", 0.70, s => s.Cpu), ("memory", 0.80, s => s.Memory), ("disk", 0.60, s => s.Disk),
        ("nic_in", 0.70, s => s.NicIn), ("nic_out", 0.70, s => s.NicOut),
    ];

    /// <summary>
    /// Per broker and resource, the intervals ending after <paramref name="fromS"/> + <paramref name="intervalS"/>
    /// (whole intervals after the warm-up) whose value was above the threshold, as seconds, with the peak; only
    /// those crossed at least once, ordered by cluster, broker and the order of <see cref="Thresholds"/>.
    /// </summary>
    public static IReadOnlyList<ThresholdBreach> Crossings(IEnumerable<BrokerUtilisation> samples, double fromS, double intervalS)
    {
        var found = new List<ThresholdBreach>();
        var measured = samples.Where(s => s.TimeS - intervalS >= fromS - 1e-9);
        foreach (var broker in measured.GroupBy(s => (s.Cluster, s.Broker)).OrderBy(g => g.Key.Cluster, StringComparer.Ordinal).ThenBy(g => g.Key.Broker))
        {
            foreach (var (resource, threshold, read) in Thresholds)
            {
                var above = broker.Select(read).Where(v => v > threshold).ToList();
                if (above.Count > 0) found.Add(new ThresholdBreach(broker.Key.Cluster, broker.Key.Broker, resource, threshold, above.Count * intervalS, above.Max()));
            }
        }
        return found;
    }
}
