using Sim.Core.Time;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>
/// How busy each producer connection keeps the broker. Kafka reads one request at a time per connection
/// (SocketServer's Processor mutes a channel when a request is received and unmutes it when the response has
/// been sent), so a connection is a server of one: an acks=all produce request holds it from being read until
/// the followers' fetches have moved the high watermark past its batches. Requests the producer pipelines
/// (<c>max.in.flight.requests.per.connection</c>) wait for it behind the one being handled. When the
/// connection is busy nearly all the time the producer's pipeline binds, whatever the machine's cards, disks
/// and cores are doing: requests arrive every <c>linger.ms</c> or so and each takes a replication round.
/// </summary>
public sealed partial class KafkaBroker
{
    private readonly Dictionary<long, long> _produceBusyNs = [];
    private readonly Dictionary<long, SimTime> _produceSince = [];

    private void ProduceAdmitted(KafkaMessage request)
    {
        if (request is ProduceRequest) _produceSince[ConnectionOf(request)] = S.Now;
    }

    private void ProduceReleased(KafkaMessage request)
    {
        long connection = ConnectionOf(request);
        if (request is not ProduceRequest || !_produceSince.Remove(connection, out var since)) return;
        _produceBusyNs[connection] = _produceBusyNs.GetValueOrDefault(connection) + (S.Now - since).Nanoseconds;
    }

    /// <summary>
    /// Nanoseconds each producer connection (by source node and client) has held the broker with a produce request,
    /// up to now, the request being handled included. Read at a probe's start and end: the busiest connection's share
    /// of the time between is the producer pipeline's utilisation.
    /// </summary>
    public Dictionary<long, long> ProduceConnectionBusyNanoseconds()
    {
        var busy = new Dictionary<long, long>(_produceBusyNs);
        foreach (var (connection, since) in _produceSince) busy[connection] = busy.GetValueOrDefault(connection) + (S.Now - since).Nanoseconds;
        return busy;
    }
}
