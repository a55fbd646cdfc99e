using Sim.Core.Time;

namespace Sim.Kafka.Clients;

/// <summary>
/// A client's <c>bootstrap.servers</c> as it resolves them when it (re)bootstraps: the brokers a connection to the
/// bootstrap address reaches now. Kafka keeps the bootstrap host name (MetadataSnapshot.bootstrap makes node -1 of
/// it) and resolves it again when it connects (ClusterConnectionStates.NodeConnectionState.currentAddress), so a
/// rebootstrap sees what the DNS name, load balancer or VIP answers at that moment, through the client's own caches.
/// Each client owns one (one JVM's <c>networkaddress.cache.ttl</c> cache).
/// </summary>
public interface IBootstrapServers
{
    /// <summary>The brokers the bootstrap address leads to at <paramref name="now"/>, in the order they are tried.</summary>
    IReadOnlyList<int> Resolve(SimTime now);
}
