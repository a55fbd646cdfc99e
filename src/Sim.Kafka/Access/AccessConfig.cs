using Sim.Core.Time;

namespace Sim.Kafka.Access;

/// <summary>How a client's <c>bootstrap.servers</c> address reaches a broker.</summary>
public enum AccessKind
{
    /// <summary>A load balancer name (an AWS ELB) forwarding each new connection to a target its health checks pass.</summary>
    LoadBalancer,

    /// <summary>A floating virtual IP held by one zone's brokers, moved to another zone once that zone is detected down.</summary>
    Vip,

    /// <summary>A DNS name (Route 53) answering with the brokers its health checks pass, cached by the resolver and the client's JVM.</summary>
    Dns,
}

/// <summary>
/// The access layer in front of one cluster's bootstrap address, and the clients that bootstrap through it.
/// Defaults are the documented ones: a Network Load Balancer's TCP target group (Kafka's listeners are TCP)
/// checks every 30 s with a 10 s timeout, marks a target unhealthy after 2 failures and healthy again after 5
/// passes (Elastic Load Balancing API, CreateTargetGroup: HealthCheckTimeoutSeconds "for target groups with a
/// protocol of TCP, TLS or HTTPS, the default is 10 seconds", UnhealthyThresholdCount 2, HealthyThresholdCount 5);
/// Route 53 health checks run every 30 s with a failure threshold of 3, and a TCP check fails when the connection
/// is not established within 10 s ("How Amazon Route 53 determines whether a health check is healthy"); a VIP's
/// keepalive-style check keeps 5 s (assumed: CKafka does not publish its detector's timeout); the JVM caches a successful lookup for 30 s when no security manager is
/// installed (<c>networkaddress.cache.ttl</c>, sun.net.InetAddressCachePolicy); a client gives up a broker
/// connection after <c>socket.connection.setup.timeout.ms</c>, 10 s.
/// </summary>
public sealed record AccessConfig
{
    public AccessKind Kind { get; init; } = AccessKind.LoadBalancer;

    /// <summary><c>health.check.interval</c>: how often every broker is checked.</summary>
    public SimDuration HealthCheckInterval { get; init; } = SimDuration.FromSeconds(30);

    /// <summary><c>health.check.timeout</c>: a check not answered within it fails (null: 10 s for a load balancer or DNS, 5 s for a VIP).</summary>
    public SimDuration? HealthCheckTimeoutSetting { get; init; }

    /// <summary>The check timeout in force.</summary>
    public SimDuration HealthCheckTimeout => HealthCheckTimeoutSetting ?? SimDuration.FromSeconds(Kind == AccessKind.Vip ? 5 : 10);

    /// <summary><c>unhealthy.threshold</c>: consecutive failed checks before a broker is taken out (null: 2 for a load balancer or VIP, 3 for DNS).</summary>
    public int? UnhealthyThreshold { get; init; }

    /// <summary><c>healthy.threshold</c>: consecutive passed checks before a broker is put back (null: 5 for a load balancer or VIP, 3 for DNS).</summary>
    public int? HealthyThreshold { get; init; }

    /// <summary><c>vip.move</c>: from detecting the holding zone down to the address answering in another zone (gratuitous ARP, route update).</summary>
    public SimDuration VipMove { get; init; } = SimDuration.FromSeconds(5);

    /// <summary><c>vip.zone</c>: the zone that holds the VIP at the start (null: the first broker's).</summary>
    public string? VipZone { get; init; }

    /// <summary><c>dns.ttl</c>: how long a resolver keeps an answer (Route 53 alias records: 60 s).</summary>
    public SimDuration DnsTtl { get; init; } = SimDuration.FromSeconds(60);

    /// <summary><c>networkaddress.cache.ttl</c>: how long the client's JVM keeps a lookup, whatever the record's TTL.</summary>
    public SimDuration NetworkAddressCacheTtl { get; init; } = SimDuration.FromSeconds(30);

    /// <summary><c>socket.connection.setup.timeout.ms</c>: how long a bootstrap connection attempt may take.</summary>
    public SimDuration ConnectionSetupTimeout { get; init; } = SimDuration.FromSeconds(10);

    /// <summary><c>bootstrap.interval</c>: how often a new client starts in each application zone and bootstraps.</summary>
    public SimDuration BootstrapInterval { get; init; } = SimDuration.FromSeconds(5);

    /// <summary>
    /// <c>load_balancing.cross_zone.enabled</c>: a load balancer's node in each zone checks and routes to every broker
    /// (true) or to its own zone's only (false, a Network Load Balancer's default).
    /// </summary>
    public bool CrossZone { get; init; }

    /// <summary>
    /// <c>health.check.regions</c>: where a DNS name's health checkers run (Route 53's HealthCheckConfig <c>Regions</c>),
    /// each a region of the model (its first zone) or a zone; null: one in each region holding an application of the
    /// deployment (of any cluster). A broker stays in the answer while more than <see cref="HealthyCheckerShare"/> of them pass it.
    /// </summary>
    public IReadOnlyList<string>? HealthCheckRegions { get; init; }

    /// <summary>
    /// Route 53 "How Amazon Route 53 determines whether a health check is healthy": "If more than 18% of health checkers
    /// report that an endpoint is healthy, Route 53 considers it healthy", so an endpoint cut off from some checker
    /// regions only is not failed over.
    /// </summary>
    public const double HealthyCheckerShare = 0.18;

    public int Unhealthy => UnhealthyThreshold ?? (Kind == AccessKind.Dns ? 3 : 2);
    public int Healthy => HealthyThreshold ?? (Kind == AccessKind.Dns ? 3 : 5);
}
