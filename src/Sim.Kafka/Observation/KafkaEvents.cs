using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Metadata;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Observation;

/// <summary>
/// The model's one outlet for events: fans each out to the registered observers, in registration order. The events
/// raised for every batch (appends, high-watermark advances, acknowledgements, records produced and consumed) go only
/// to the observers whose type implements them: <see cref="IKafkaObserver"/>'s default for each is to do nothing, and
/// most observers implement one or two, so calling the others' empty defaults (an interface dispatch each, for two dozen
/// probes) is skipped; those that do implement one are called in registration order as before.
/// </summary>
public sealed class KafkaEvents
{
    private readonly List<IKafkaObserver> _observers = [];
    private IKafkaObserver[] _appended = [], _highWatermark = [], _acked = [], _produced = [], _consumed = [];

    public void Add(IKafkaObserver observer)
    {
        _observers.Add(observer);
        var type = observer.GetType();
        if (Implements(type, nameof(IKafkaObserver.Appended))) _appended = [.. _appended, observer];
        if (Implements(type, nameof(IKafkaObserver.HighWatermarkAdvanced))) _highWatermark = [.. _highWatermark, observer];
        if (Implements(type, nameof(IKafkaObserver.ProduceAcked))) _acked = [.. _acked, observer];
        if (Implements(type, nameof(IKafkaObserver.Produced))) _produced = [.. _produced, observer];
        if (Implements(type, nameof(IKafkaObserver.Consumed))) _consumed = [.. _consumed, observer];
    }

    /// <summary>Whether <paramref name="type"/> (or a base of it) implements <paramref name="method"/> rather than inheriting the interface's empty default.</summary>
    internal static bool Implements(Type type, string method)
    {
        var map = type.GetInterfaceMap(typeof(IKafkaObserver));
        for (int i = 0; i < map.InterfaceMethods.Length; i++)
        {
            if (map.InterfaceMethods[i].Name == method) return map.TargetMethods[i].DeclaringType != typeof(IKafkaObserver);
        }
        return true;
    }

    public void PartitionChanged(SimTime at, PartitionState? before, PartitionState after, string cause)
    {
        foreach (var o in _observers) o.PartitionChanged(at, before, after, cause);
    }

    public void BrokerFenced(SimTime at, int brokerId, string cause)
    {
        foreach (var o in _observers) o.BrokerFenced(at, brokerId, cause);
    }

    public void BrokerUnfenced(SimTime at, int brokerId)
    {
        foreach (var o in _observers) o.BrokerUnfenced(at, brokerId);
    }

    public void ControllerElected(SimTime at, int controllerId, int epoch)
    {
        foreach (var o in _observers) o.ControllerElected(at, controllerId, epoch);
    }

    public void ControllerResigned(SimTime at, int controllerId, int epoch, string cause)
    {
        foreach (var o in _observers) o.ControllerResigned(at, controllerId, epoch, cause);
    }

    public void Appended(SimTime at, int brokerId, int partition, in RecordBatch batch, bool asLeader)
    {
        foreach (var o in _appended) o.Appended(at, brokerId, partition, batch, asLeader);
    }

    public void LogDirFailed(SimTime at, int brokerId, int dir, string cause)
    {
        foreach (var o in _observers) o.LogDirFailed(at, brokerId, dir, cause);
    }

    public void Truncated(SimTime at, int brokerId, int partition, long toOffset, long removedRecords, string cause)
    {
        foreach (var o in _observers) o.Truncated(at, brokerId, partition, toOffset, removedRecords, cause);
    }

    public void LeaderStateApplied(SimTime at, int brokerId, int partition, int leaderEpoch, bool newLeadership)
    {
        foreach (var o in _observers) o.LeaderStateApplied(at, brokerId, partition, leaderEpoch, newLeadership);
    }

    public void HighWatermarkAdvanced(SimTime at, int brokerId, int partition, long highWatermark)
    {
        foreach (var o in _highWatermark) o.HighWatermarkAdvanced(at, brokerId, partition, highWatermark);
    }

    public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency)
    {
        foreach (var o in _acked) o.ProduceAcked(at, producerId, partition, batch, acks, latency);
    }

    public void ProduceFailed(SimTime at, int producerId, int partition, int records, ErrorCode error)
    {
        foreach (var o in _observers) o.ProduceFailed(at, producerId, partition, records, error);
    }

    public void ProduceRetried(SimTime at, int producerId, int partition, int records, ErrorCode error)
    {
        foreach (var o in _observers) o.ProduceRetried(at, producerId, partition, records, error);
    }

    public void BatchSentAgain(SimTime at, int producerId, long clientBatchId)
    {
        foreach (var o in _observers) o.BatchSentAgain(at, producerId, clientBatchId);
    }

    public void Produced(SimTime at, int producerId, int records)
    {
        foreach (var o in _produced) o.Produced(at, producerId, records);
    }

    public void Consumed(SimTime at, int consumerId, string group, int partition, in RecordBatch batch)
    {
        foreach (var o in _consumed) o.Consumed(at, consumerId, group, partition, batch);
    }

    public void GroupStabilized(SimTime at, int brokerId, string group, int generation, int members)
    {
        foreach (var o in _observers) o.GroupStabilized(at, brokerId, group, generation, members);
    }

    public void GroupMemberExpired(SimTime at, int brokerId, string group, int clientId)
    {
        foreach (var o in _observers) o.GroupMemberExpired(at, brokerId, group, clientId);
    }

    public void AssignmentChanged(SimTime at, int consumerId, string group, IReadOnlyList<int> partitions, bool active)
    {
        foreach (var o in _observers) o.AssignmentChanged(at, consumerId, group, partitions, active);
    }
}
