using Sim.Core.Scheduling;
using Sim.Kafka.Config;
using Sim.Kafka.Log;
using Sim.MirrorMaker.Connect;
using Sim.MirrorMaker.Policy;
using Sim.Network.Topology;

namespace Sim.MirrorMaker.Tasks;

/// <summary>
/// Heartbeats for a flow: a small record written every <c>emit.heartbeats.interval.seconds</c> into the
/// source cluster's <c>heartbeats</c> topic, which the flow's source task mirrors like any record. The age
/// of a heartbeat when the target acknowledges it is the replication lag end to end, and heartbeats keep
/// measuring it when no data flows. (MirrorMaker's dedicated mode runs a heartbeat connector for every
/// pair of clusters, so the heartbeats a flow mirrors are those the reverse pair's connector writes into
/// the source; the model writes them from the flow's own worker.)
/// </summary>
internal sealed class HeartbeatTask : ITaskInstance, IEventHandler
{
    private const int HeartbeatBytes = 64;
    private readonly MirrorFlow _flow;
    private readonly Scheduler _scheduler;
    private readonly Sim.Kafka.Clients.KafkaProducer _producer;
    private readonly int _partition;
    private readonly int _kEmit;
    private readonly Node _worker;
    private bool _stopped;

    /// <summary>The worker's node: the task runs in the worker's process, so a pause of the worker holds it.</summary>
    public int Host => _worker.Index;

    public HeartbeatTask(MirrorFlow flow, Scheduler scheduler, Node worker, int producerId)
    {
        _flow = flow;
        _scheduler = scheduler;
        _worker = worker;
        var heartbeats = flow.Source.Context.Partitions.First(p => p.Topic.Name == ReplicationPolicy.HeartbeatsTopic);
        _partition = heartbeats.Index;
        var config = new ProducerConfig { Linger = Sim.Core.Time.SimDuration.Zero, EnableIdempotence = false };
        _producer = flow.Source.AddProducer(producerId, worker, config, [heartbeats]);
        _producer.Start();
        _kEmit = scheduler.Kinds.Register("mm2:heartbeat");
        scheduler.Schedule(flow.Config.EmitHeartbeatsInterval, this, _kEmit);
    }

    public void Stop(bool graceful)
    {
        _stopped = true;
        _producer.Stop();
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (_stopped) return;
        // The heartbeat carries the worker's clock, as Kafka's record timestamps do.
        _producer.TrySend(_partition, 1, HeartbeatBytes, _flow.Source.Context.Network.LocalTime(_worker), default(RecordOrigin), -1);
        scheduler.Schedule(_flow.Config.EmitHeartbeatsInterval, this, _kEmit);
    }
}
