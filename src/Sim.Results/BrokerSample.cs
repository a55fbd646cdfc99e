namespace Sim.Results;

/// <summary>
/// One broker's utilisation over one time-series interval (ending at <see cref="TimeS"/>), each resource as a
/// fraction of its capacity from 0 to 1 unless its name gives a unit: CPU (core time over cores times the
/// interval), memory the kernel cannot hand back at once (JVM heap plus dirty page cache, over memory), network
/// card in and out (bytes over the baseline bandwidth times the interval), disk throughput and IOPS, disk busy
/// (bytes over what the disks sustain), and the page-cache hit ratio of the bytes read (NaN when nothing was read).
/// </summary>
public sealed record BrokerSample(
    double TimeS, string Cluster, int Broker, double Cpu, double Memory, double NicIn, double NicOut,
    double DiskMBps, double DiskIops, double Disk, double PageCacheHitRatio);
