using Sim.Core.Time;
using Sim.Kafka.Config;
using Sim.Kafka.Metadata;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Clients;

/// <summary>
/// The cluster metadata as a client knows it (NetworkClient's metadata in Kafka): every partition's
/// registration, refreshed by metadata requests to one broker at a time: the producer picks the least-loaded
/// ready connection (<see cref="ClusterConnectionStates"/>); consumers take brokers in rotation. A response
/// replaces what is known only with a newer leader epoch, or the same leader epoch and a newer partition
/// epoch, since a broker's answer is only as fresh as the metadata log it has applied.
/// <para>
/// Metadata requests go only to the brokers the last answer named (<see cref="Nodes"/>, NetworkClient's
/// <c>metadata.fetch().nodes()</c>); at the start, every broker (the bootstrap's answer). When none of them is
/// available, or no answer came for <c>metadata.recovery.rebootstrap.trigger.ms</c>, a client with
/// <c>metadata.recovery.strategy=rebootstrap</c> resolves <c>bootstrap.servers</c> again and asks what that leads
/// to (KIP-899, KIP-1102; NetworkClient.DefaultMetadataUpdater.maybeUpdate calls Metadata.rebootstrap when
/// leastLoadedNode finds no node available nor any connection ready). With <c>none</c> it keeps trying the brokers it
/// knows, and stays without metadata as long as they are all gone.
/// </para>
/// </summary>
public sealed class ClientMetadata
{
    private readonly ClusterContext _ctx;
    private readonly PartitionState?[] _partitions;
    // Each partition's leader as _partitions has it (-1: none known), read by the producer's sender for every
    // partition with batches at every drain: one array read instead of a walk to the partition's state.
    private readonly int[] _leaders;
    private readonly MetadataRecoveryStrategy _strategy;
    private readonly SimDuration _trigger;
    private readonly List<SimTime> _rebootstraps = [];
    private IBootstrapServers? _bootstrap;
    private IReadOnlyList<int> _nodes;
    private int _nextBroker, _failedSinceAnswer;
    private SimTime? _wantedSince;
    private bool _rebootstrapping;

    public ClientMetadata(ClusterContext ctx, int clientId, MetadataRecoveryStrategy strategy = MetadataRecoveryStrategy.Rebootstrap, SimDuration? trigger = null)
    {
        _ctx = ctx;
        _partitions = ctx.InitialPartitions.Select(p => (PartitionState?)p).ToArray();
        _leaders = Array.ConvertAll(_partitions, p => p?.Leader ?? -1);
        LeaderlessCount = _leaders.Count(l => l < 0);
        _nextBroker = clientId % ctx.BrokerIds.Count;
        _nodes = [.. ctx.BrokerIds];
        _strategy = strategy;
        _trigger = trigger ?? SimDuration.FromMinutes(5);
    }

    /// <summary>The brokers the client knows: those the last metadata answer (or the last bootstrap) named.</summary>
    public IReadOnlyList<int> Nodes => _nodes;

    /// <summary>
    /// When the client started rebootstrapping: the first rebootstrap after each metadata answer (a client that keeps
    /// finding no broker rebootstraps again at every attempt, as NetworkClient does each poll; <see cref="RebootstrapCount"/>
    /// counts those).
    /// </summary>
    public IReadOnlyList<SimTime> Rebootstraps => _rebootstraps;

    /// <summary>How many times the client rebootstrapped.</summary>
    public long RebootstrapCount { get; private set; }

    /// <summary>
    /// Rebootstraps if the strategy says so: when <paramref name="noNodeAvailable"/> (every known broker disconnected
    /// within its backoff, none ready), or when metadata has been wanted for the trigger interval without an answer.
    /// Returns whether it did. Each call while metadata is wanted starts the trigger's clock if it is not running.
    /// </summary>
    public bool MaybeRebootstrap(SimTime now, bool noNodeAvailable)
    {
        _wantedSince ??= now;
        if (_strategy != MetadataRecoveryStrategy.Rebootstrap) return false;
        if (!noNodeAvailable && now - _wantedSince.Value < _trigger) return false;
        _bootstrap ??= _ctx.BootstrapServers?.Invoke();
        var addresses = _bootstrap?.Resolve(now) ?? _ctx.BrokerIds;
        if (addresses.Count == 0) return false;
        _nodes = [.. addresses];
        _nextBroker = 0;
        _failedSinceAnswer = 0;
        _wantedSince = now;
        if (RebootstrapCount++ == 0 || !_rebootstrapping) _rebootstraps.Add(now);
        _rebootstrapping = true;
        return true;
    }

    public PartitionState? this[int partition] => _partitions[partition];

    /// <summary>The leader of <paramref name="partition"/> as known, or -1.</summary>
    public int LeaderOf(int partition) => _leaders[partition];

    /// <summary>Counts the changes of a partition's known leader: it changes whenever some partition's does.</summary>
    public int LeadersVersion { get; private set; }

    /// <summary>How many partitions have no known leader (those not created yet included).</summary>
    public int LeaderlessCount { get; private set; }

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
    /// <remarks>
    /// A client without connection states counts the known brokers as all unavailable once a request to each in turn
    /// has failed since the last answer.
    /// </remarks>
    public MetadataRequest? BeginRequest(int clientId, long correlationId, out int broker)
    {
        if (InFlight < 0) MaybeRebootstrap(_ctx.Scheduler.Now, _failedSinceAnswer >= _nodes.Count);
        broker = _nodes[_nextBroker % _nodes.Count];
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
        _failedSinceAnswer++;
    }

    /// <summary>Takes in an answer; returns the partitions whose leader epoch moved forward.</summary>
    public List<int> Complete(MetadataResponse r)
    {
        InFlight = -1;
        _failedSinceAnswer = 0;
        _wantedSince = null;
        _rebootstrapping = false;
        if (r.Brokers.Length > 0) _nodes = r.Brokers;
        var moved = new List<int>();
        for (int i = 0; i < r.Partitions.Length; i++)
        {
            var incoming = r.Partitions[i];
            if (incoming is null) continue;
            var known = _partitions[i];
            if (known is not null && incoming.LeaderEpoch < known.LeaderEpoch) continue;
            if (known is not null && incoming.LeaderEpoch == known.LeaderEpoch && incoming.PartitionEpoch < known.PartitionEpoch) continue;
            _partitions[i] = incoming;
            LeaderlessCount += (incoming.Leader < 0 ? 1 : 0) - (_leaders[i] < 0 ? 1 : 0);
            if (_leaders[i] != incoming.Leader) LeadersVersion++;
            _leaders[i] = incoming.Leader;
            if (known is not null && incoming.LeaderEpoch > known.LeaderEpoch) moved.Add(i);
        }
        return moved;
    }
}
