namespace Sim.Architectures.Metrics;

/// <summary>
/// One broker's utilisation over one time-series interval (ending at <see cref="TimeS"/>), as the run measured
/// it: CPU (core time over cores times the interval), memory the kernel cannot hand back at once (JVM heap plus
/// dirty page cache, over memory), network card in and out (bytes over the baseline bandwidth times the
/// interval), disk throughput (MB/s) and IOPS, disk busy (bytes over what the disks sustain), and the page-cache
/// hit ratio of the bytes read (NaN when nothing was read). Fractions run from 0 to 1.
/// </summary>
public sealed record BrokerUtilisation(
    double TimeS, string Cluster, int Broker, double Cpu, double Memory, double NicIn, double NicOut,
    double DiskMBps, double DiskIops, double Disk, double PageCacheHitRatio);
