namespace Sim.Experiments.Spec;

/// <summary>One line on each fault kind and the keys it takes, for <c>sim list</c> and the docs.</summary>
public static class FaultCatalog
{
    public static readonly IReadOnlyList<(string Name, string Description)> Descriptions =
    [
        ("broker-crash", "a broker stops (mode: hard loses its unflushed tail, process keeps the page cache, clean shuts down) and restarts after duration"),
        ("controller-crash", "a KRaft controller stops and restarts; target a name, active-controller or random-controller"),
        ("zone-outage", "every node of a zone goes dark (scope: all, or kafka for brokers and controllers only)"),
        ("site-outage", "every zone of a site (a zone or region the architecture names) goes dark"),
        ("region-outage", "every zone of a region goes dark"),
        ("network-partition", "traffic between target and 'to' is dropped (one_way: true drops one direction only)"),
        ("link-degradation", "links between target and 'to' get extra delay, jitter, loss or a bandwidth_factor"),
        ("slow-disk", "a broker's appends take 'latency' longer"),
        ("mm2-worker-crash", "a MirrorMaker 2 Connect worker stops; its tasks move after the rebalance delay"),
        ("clock-skew", "the clocks of a site's hosts are off by 'offset' (timestamps, heartbeats)"),
    ];
}
