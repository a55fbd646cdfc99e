using Sim.Kafka.Metadata;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Controller;

/// <summary>
/// The controller's side of a broker's shutdown in KRaft mode (BrokerHeartbeatManager.calculateNextBrokerState,
/// ReplicationControlManager.processBrokerHeartbeat): when a broker asking to stop may go, and when it is told so.
/// </summary>
public sealed partial class ClusterControl
{
    /// <summary>
    /// A heartbeat that asks to shut down, as BrokerHeartbeatManager.calculateNextBrokerState answers it in KRaft mode: a
    /// fenced broker may go at once (SHUTDOWN_NOW); an unfenced one that leads no partition is fenced and may go at once;
    /// one that leads partitions enters CONTROLLED_SHUTDOWN (handleBrokerInControlledShutdown writes its registration
    /// change and moves its leaderships and ISR places) and may go once it leads nothing and every active broker, unfenced
    /// and not shutting down, has reported a metadata offset past those records (lowestActiveOffset), so the new leaders
    /// have applied them; it is then fenced in the same step (handleBrokerFenced). In ZooKeeper mode
    /// (KafkaController.doControlledShutdown) the answer waits only for the moves to be written.
    /// </summary>
    private void OnShutdownHeartbeat(BrokerHeartbeatRequest m, long brokerEpoch)
    {
        int id = m.BrokerId;
        var to = _ctx.BrokerNode(id);
        if (!ZooKeeperMode && Image.IsFenced(id))
        {
            _ctx.Send(_quorum.Node, to, HeartbeatResponse(m, ErrorCode.None, brokerEpoch, true, true));
            return;
        }
        if (!_shutdownOffset.ContainsKey(id) && CanDecide())
        {
            if (!ZooKeeperMode && !_replication.LeadsAny(id))
            {
                Fence(id, $"broker {id} asked to shut down and leads no partition");
                ReplyOnceCommitted(m, brokerEpoch);
                return;
            }
            // ReplicationControlManager.handleBrokerInControlledShutdown: the registration change first, then the
            // partition changes, so every broker's image knows why the broker left the ISRs (KIP-841).
            // A controller that took over in the middle of the shutdown finds the registration already changed, and
            // only writes the moves still missing (BrokerHeartbeatManager's state is in memory, the registration is not).
            if (!IsShuttingDown(id))
            {
                _quorum.Propose(new MetadataRecord(MetadataRecordKind.BrokerInControlledShutdown, id, null, $"broker {id} began a controlled shutdown"));
            }
            _shutdownOffset[id] = _replication.ControlledShutdown(id);
        }
        if (!_shutdownOffset.ContainsKey(id))
        {
            _ctx.Send(_quorum.Node, to, HeartbeatResponse(m, ErrorCode.None, brokerEpoch, Image.IsFenced(id), false));
            return;
        }
        long offset = _shutdownOffset[id];
        // LowestActiveOffset looks at the few brokers, LeadsAny at every partition: the cheap test first.
        bool done = ZooKeeperMode ? _quorum.HighWatermark > offset : LowestActiveOffset() > offset && !_replication.LeadsAny(id);
        if (done && !Image.IsFenced(id) && CanDecide())
        {
            Fence(id, $"broker {id} finished its controlled shutdown");
            if (!ZooKeeperMode)
            {
                ReplyOnceCommitted(m, brokerEpoch);
                return;
            }
        }
        _ctx.Send(_quorum.Node, to, HeartbeatResponse(m, ErrorCode.None, brokerEpoch, Image.IsFenced(id), done));
    }

    /// <summary>
    /// QuorumController answers a heartbeat once the records it wrote are committed, so a broker told SHUTDOWN_NOW stops
    /// only after its fence is in the log: a combined node's controller, which resigns when the process stops, does not
    /// take the fence with it.
    /// </summary>
    private void ReplyOnceCommitted(BrokerHeartbeatRequest m, long brokerEpoch) =>
        _shutdownReplies.Add((Image.NextOffset - 1, m, brokerEpoch));

    /// <summary>
    /// BrokerHeartbeatManager.lowestActiveOffset: the lowest metadata offset reported by a broker that is unfenced and not
    /// shutting down (one not heard from by this controller counts as -1); the largest value when there is none. The
    /// offsets here count records applied, so a record is applied by every active broker once this exceeds its offset.
    /// </summary>
    private long LowestActiveOffset()
    {
        long lowest = long.MaxValue;
        foreach (var b in Image.Brokers)
        {
            if (!b.Fenced && !b.InControlledShutdown) lowest = Math.Min(lowest, _reportedOffset.GetValueOrDefault(b.Id, -1));
        }
        return lowest;
    }

    private void SendCommittedShutdownReplies(long highWatermark)
    {
        int sent = 0;
        while (sent < _shutdownReplies.Count && _shutdownReplies[sent].Offset < highWatermark)
        {
            var (_, m, epoch) = _shutdownReplies[sent++];
            _ctx.Send(_quorum.Node, _ctx.BrokerNode(m.BrokerId), HeartbeatResponse(m, ErrorCode.None, epoch, true, true));
        }
        _shutdownReplies.RemoveRange(0, sent);
    }
}
