using Sim.Core.Time;
using Sim.Kafka.Metadata;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Clients;

/// <summary>
/// The cluster metadata as a client knows it (NetworkClient's metadata in Kafka): every partition's
/// registration, refreshed by metadata requests to one broker at a time: the producer picks the least-loaded
/// ready connection (<see cref="ClusterConnectionStates"/>); consumers take brokers in rotation. A response
/// replaces what is known only with a newer leader epoch, or the same leader epoch and a newer partition
/// epoch, since a broker's answer is only as fresh as the metadata log it has applied.
/// </summary>
public sealed class ClientMetadata
{
    private readonly ClusterContext _ctx;
    private readonly PartitionState?[] _partitions;
    private int _nextBroker;

    public ClientMetadata(ClusterContext ctx, int clientId)
    {
        _ctx = ctx;
        _partitions = ctx.InitialPartitions.Select(p => (PartitionState?)p).ToArray();
        _nextBroker = clientId % ctx.BrokerIds.Count;
    }

    public PartitionState? this[int partition] => _partitions[partition];

    /// <summary>The broker this client believes coordinates <paramref name="group"/> (its offsets partition's leader), or -1.</summary>
    public int CoordinatorOf(string group)
    {
        int index = _ctx.OffsetsPartitionOf(group);
        return index < 0 ? -1 : _partitions[index]?.Leader ?? -1;
    }

    /// <summary>The correlation id of the metadata request in flight, or -1.</summary>
    public long InFlight { get; private set; } = -1;

    /// <summary>
    /// How long to wait for an answer: a broker that cannot be reached is given up after the connection
    /// setup timeout (<c>socket.connection.setup.timeout.ms</c>, 10 s) rather than the full request timeout.
    /// </summary>
    public static SimDuration Timeout(SimDuration requestTimeout) => SimDuration.Min(requestTimeout, SimDuration.FromSeconds(10));

    /// <summary>A request to the next broker in rotation, or null when one is already in flight.</summary>
    public MetadataRequest? BeginRequest(int clientId, long correlationId, out int broker)
    {
        broker = _ctx.BrokerIds[_nextBroker % _ctx.BrokerIds.Count];
        return InFlight >= 0 ? null : BeginRequest(clientId, correlationId);
    }

    /// <summary>A request to a broker the caller chose (a client that tracks its connections picks the least loaded).</summary>
    public MetadataRequest BeginRequest(int clientId, long correlationId)
    {
        InFlight = correlationId;
        return new MetadataRequest { To = Component.Broker, From = Component.Client, ClientId = clientId, CorrelationId = correlationId };
    }

    /// <summary>The request went unanswered: the next one goes to another broker.</summary>
    public void RequestFailed()
    {
        InFlight = -1;
        _nextBroker++;
    }

    /// <summary>Takes in an answer; returns the partitions whose leader epoch moved forward.</summary>
    public List<int> Complete(MetadataResponse r)
    {
        InFlight = -1;
        var moved = new List<int>();
        for (int i = 0; i < r.Partitions.Length; i++)
        {
            var incoming = r.Partitions[i];
            if (incoming is null) continue;
            var known = _partitions[i];
            if (known is not null && incoming.LeaderEpoch < known.LeaderEpoch) continue;
            if (known is not null && incoming.LeaderEpoch == known.LeaderEpoch && incoming.PartitionEpoch < known.PartitionEpoch) continue;
            _partitions[i] = incoming;
            if (known is not null && incoming.LeaderEpoch > known.LeaderEpoch) moved.Add(i);
        }
        return moved;
    }
}
