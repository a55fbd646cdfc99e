using Sim.Core.Time;
using Sim.Kafka.Metadata;
using Sim.Kafka.Observation;

namespace Sim.Kafka.Tests.Support;

/// <summary>Records the control-plane events of a run, for assertions about when things happened.</summary>
public sealed class EventLog : IKafkaObserver
{
    public List<(SimTime At, PartitionState? Before, PartitionState After, string Cause)> PartitionChanges { get; } = [];
    public List<(SimTime At, int Broker, string Cause)> Fenced { get; } = [];
    public List<(SimTime At, int Broker)> Unfenced { get; } = [];
    public List<(SimTime At, int Controller, int Epoch)> Elected { get; } = [];
    public List<(SimTime At, int Controller, int Epoch, string Cause)> Resigned { get; } = [];
    public List<(SimTime At, int Broker, int Partition, long To, long Removed, string Cause)> Truncations { get; } = [];

    public void PartitionChanged(SimTime at, PartitionState? before, PartitionState after, string cause) => PartitionChanges.Add((at, before, after, cause));
    public void BrokerFenced(SimTime at, int brokerId, string cause) => Fenced.Add((at, brokerId, cause));
    public void BrokerUnfenced(SimTime at, int brokerId) => Unfenced.Add((at, brokerId));
    public void ControllerElected(SimTime at, int controllerId, int epoch) => Elected.Add((at, controllerId, epoch));
    public void ControllerResigned(SimTime at, int controllerId, int epoch, string cause) => Resigned.Add((at, controllerId, epoch, cause));
    public void Truncated(SimTime at, int brokerId, int partition, long toOffset, long removedRecords, string cause) =>
        Truncations.Add((at, brokerId, partition, toOffset, removedRecords, cause));
}
