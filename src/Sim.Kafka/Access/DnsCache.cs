using Sim.Core.Time;

namespace Sim.Kafka.Access;

/// <summary>
/// The two caches between a client and the authoritative DNS answer: the resolver's, which keeps an answer for
/// the record's TTL (<see cref="AccessConfig.DnsTtl"/>), and the JVM's, which keeps a lookup for
/// <c>networkaddress.cache.ttl</c> whatever the TTL says (java.net.InetAddress). A lookup after a health check
/// removed a broker can thus return it for up to the JVM cache's lifetime plus the resolver's.
/// </summary>
public sealed class DnsCache(AccessConfig config)
{
    private IReadOnlyList<int> _resolver = [];
    private SimTime _resolverExpires = SimTime.Zero;
    private IReadOnlyList<int> _jvm = [];
    private SimTime _jvmExpires = SimTime.Zero;
    private bool _resolved, _looked;

    /// <summary>The brokers the client's lookup returns at <paramref name="now"/>, asking <paramref name="authoritative"/> when both caches have expired.</summary>
    public IReadOnlyList<int> Lookup(SimTime now, Func<IReadOnlyList<int>> authoritative)
    {
        if (_looked && now < _jvmExpires) return _jvm;
        if (!_resolved || now >= _resolverExpires)
        {
            _resolver = authoritative();
            _resolverExpires = now + config.DnsTtl;
            _resolved = true;
        }
        _jvm = _resolver;
        _jvmExpires = now + config.NetworkAddressCacheTtl;
        _looked = true;
        return _jvm;
    }
}
