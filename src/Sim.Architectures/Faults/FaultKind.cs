namespace Sim.Architectures.Faults;

/// <summary>
/// The names fault plans use for the kinds of fault (<see cref="Fault.Kind"/>), as constants so code can
/// match on a window's kind. The kinds themselves, and what reads each, are listed in <see cref="FaultKinds"/>.
/// </summary>
public static class FaultKind
{
    public const string BrokerCrash = "broker-crash";
    public const string ControllerCrash = "controller-crash";
    public const string ZoneOutage = "zone-outage";
    public const string SiteOutage = "site-outage";
    public const string RegionOutage = "region-outage";
    public const string NetworkPartition = "network-partition";
    public const string LinkDegradation = "link-degradation";
    public const string SlowDisk = "slow-disk";
    public const string WorkerCrash = "mm2-worker-crash";
    public const string ClockSkew = "clock-skew";
    public const string ProcessPause = "process-pause";
    public const string AlterConfig = "alter-config";
    public const string ElectLeaders = "elect-leaders";
    public const string ReassignPartitions = "reassign-partitions";
    public const string ConsumerCrash = "consumer-crash";
    public const string Switchover = "switchover";
    public const string DiskFailure = "disk-failure";
    public const string CpuThrottle = "cpu-throttle";
    public const string CreateTopic = "create-topic";
    public const string CreatePartitions = "create-partitions";
    public const string DeleteTopic = "delete-topic";
}
