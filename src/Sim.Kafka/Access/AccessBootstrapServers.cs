using Sim.Core.Time;
using Sim.Kafka.Clients;

namespace Sim.Kafka.Access;

/// <summary>
/// One client's <c>bootstrap.servers</c> behind an <see cref="AccessLayer"/>: a DNS name resolves through the client's
/// own caches (<see cref="DnsCache"/>: the record's TTL, then the JVM's <c>networkaddress.cache.ttl</c>) to every
/// address it answers (<c>client.dns.lookup=use_all_dns_ips</c>); a load balancer or VIP leads to the broker it routes
/// this new connection to.
/// </summary>
public sealed class AccessBootstrapServers(AccessLayer access) : IBootstrapServers
{
    private readonly DnsCache _dns = new(access.Config);

    public IReadOnlyList<int> Resolve(SimTime now) =>
        access.Config.Kind == AccessKind.Dns ? _dns.Lookup(now, access.Answer) : [access.Route()];
}
