using Sim.Kafka.Metadata;
using Sim.Kafka.Protocol;
using Sim.Network.Topology;

namespace Sim.Kafka.Controller;

/// <summary>
/// The active controller's partition decisions (ReplicationControlManager in Kafka): leader election
/// when a broker is fenced, returns or shuts down, ISR changes requested by leaders, eligible leader
/// replicas and preferred-leader rebalancing. Every decision is a PartitionChange record proposed to
/// the metadata log; answers to leaders wait until their record is committed.
/// </summary>
/// <remarks>
/// Election rules: a new leader is the first replica, in replica order, that is in the ISR and
/// unfenced. When none is left: with unclean election enabled, the first unfenced replica (and the
/// ISR becomes just it); otherwise the partition goes offline (leader -1) and keeps its last ISR member,
/// so that broker can lead again when it returns. With
/// <c>eligible.leader.replicas.enable</c> (KIP-966), replicas that left an ISR below
/// <c>min.insync.replicas</c> stay eligible and are elected before anything unclean; an unclean
/// restart removes that eligibility. Not modelled: the per-broker imbalance threshold of
/// preferred-leader rebalancing (any partition off its preferred leader is moved back).
/// </remarks>
internal sealed partial class ReplicationControl(ClusterContext ctx, QuorumController quorum, ClusterControl control)
{
    private readonly ClusterContext _ctx = ctx;
    private readonly QuorumController _quorum = quorum;
    private readonly ClusterControl _control = control;
    private readonly List<(long Offset, Node To, KafkaMessage Message)> _awaitingCommit = [];

    private MetadataImage Image => _quorum.Image;

    /// <summary>Takes a fenced broker out of every ISR and elects new leaders where it led.</summary>
    internal void OnBrokerFenced(int id)
    {
        foreach (var ps in Image.Partitions.ToList())
        {
            if (ps.InIsr(id) || ps.Leader == id) RemoveReplica(ps, id, $"broker {id} fenced");
        }
    }

    /// <summary>
    /// A broker reports replicas in an offline log directory (ReplicationControlManager.handleDirectoriesOffline,
    /// KIP-858): each leaves its ISR and, where it led, another in-sync replica is elected, as when a broker is fenced.
    /// </summary>
    internal void OnReplicasOffline(int id, int[] partitions)
    {
        foreach (int partition in partitions)
        {
            var ps = Image.Partition(partition);
            if (ps.Isr.Length > 1 && ps.InIsr(id) || ps.Leader == id) RemoveReplica(ps, id, $"broker {id} log directory offline (KIP-112)");
        }
    }

    /// <summary>Elects a returning broker wherever a partition is offline and the rules above let it lead.</summary>
    internal void OnBrokerUnfenced(int id)
    {
        foreach (var ps in Image.Partitions.ToList())
        {
            if (ps.Leader != PartitionState.NoLeader || !ps.IsReplica(id)) continue;
            if (ps.InIsr(id))
            {
                Change(ps, ps with { Leader = id, LeaderEpoch = ps.LeaderEpoch + 1 }, $"broker {id}, the last in-sync replica, returned");
            }
            else if (ElrEnabled && Array.IndexOf(ps.Elr, id) >= 0)
            {
                Change(ps, ps with { Leader = id, Isr = [id], Elr = ps.Elr.Where(b => b != id).ToArray(), LeaderEpoch = ps.LeaderEpoch + 1 },
                    $"broker {id} returned and was elected from the eligible leader replicas (KIP-966)");
            }
            else if (_ctx.UncleanElection(_ctx.Partitions[ps.Partition]))
            {
                Change(ps, ps with { Leader = id, Isr = [id], LeaderEpoch = ps.LeaderEpoch + 1 },
                    $"unclean election of out-of-sync broker {id} (unclean.leader.election.enable)");
            }
        }
    }

    /// <summary>
    /// KIP-966 (ReplicationControlManager.handleBrokerUncleanShutdown, KAFKA-15586): a broker that
    /// registers again after an unclean shutdown may have lost its log's tail, so it leaves every ISR and
    /// ELR it was in. Where it was the last ISR member the ISR becomes empty and the partition stays
    /// leaderless until a clean eligible replica returns (or an unclean election takes it).
    /// </summary>
    internal void OnUncleanRestart(int id)
    {
        if (!ElrEnabled) return;
        foreach (var ps in Image.Partitions.ToList())
        {
            if (!ps.InIsr(id) && Array.IndexOf(ps.Elr, id) < 0) continue;
            var isr = ps.Isr.Where(b => b != id).ToArray();
            int leader = ps.Leader == id ? PartitionState.NoLeader : ps.Leader;
            Change(ps, ps with { Isr = isr, Elr = ps.Elr.Where(b => b != id).ToArray(), Leader = leader, LeaderEpoch = leader != ps.Leader ? ps.LeaderEpoch + 1 : ps.LeaderEpoch },
                $"broker {id} restarted after an unclean shutdown and left the ISR and the eligible leader replicas (KIP-966)");
        }
    }

    /// <summary>
    /// Moves leadership off a broker that asked to shut down, and takes it out of ISRs; returns the last offset written
    /// (with nothing to move, the log's last offset, as QuorumController completes a write without records at
    /// nextWriteOffset - 1): in KRaft mode the shutdown ends once every active broker has applied it, in ZooKeeper mode once it is committed.
    /// </summary>
    internal long ControlledShutdown(int id)
    {
        long last = _quorum.LogEndOffset - 1;
        foreach (var ps in Image.Partitions.ToList())
        {
            if (ps.Leader != id && !ps.InIsr(id)) continue;
            var isr = ps.Isr.Length > 1 ? ps.Isr.Where(b => b != id).ToArray() : ps.Isr;
            int leader = ps.Leader == id ? ChooseLeader(ps.Replicas, isr, exclude: id) : ps.Leader;
            var next = ps with { Leader = leader, Isr = isr, Elr = EligibleAfterShrink(ps, isr), LeaderEpoch = leader != ps.Leader ? ps.LeaderEpoch + 1 : ps.LeaderEpoch };
            if (next.Leader != ps.Leader || !next.Isr.SequenceEqual(ps.Isr)) last = Change(ps, next, $"controlled shutdown of broker {id}");
        }
        return last;
    }

    /// <summary>Whether <paramref name="id"/> leads some partition (BrokersToIsrs.hasLeaderships), in the image with every proposed record.</summary>
    internal bool LeadsAny(int id)
    {
        foreach (var ps in Image.Partitions)
        {
            if (ps.Leader == id) return true;
        }
        return false;
    }

    private int ChooseLeader(int[] replicas, int[] isr, int exclude)
    {
        foreach (var r in replicas)
        {
            if (r != exclude && Array.IndexOf(isr, r) >= 0 && !Image.IsFenced(r) && !_control.IsShuttingDown(r)) return r;
        }
        return PartitionState.NoLeader;
    }

    private bool ElrEnabled => _ctx.Broker.EligibleLeaderReplicasEnable;

    /// <summary>
    /// KIP-966: replicas leaving an ISR that is (or becomes) smaller than <c>min.insync.replicas</c> hold
    /// every committed record (the high watermark cannot advance meanwhile), so they stay eligible to lead.
    /// </summary>
    private int[] EligibleAfterShrink(PartitionState ps, int[] newIsr)
    {
        if (!ElrEnabled) return ps.Elr;
        int minIsr = _ctx.MinInSyncReplicas(_ctx.Partitions[ps.Partition]);
        if (newIsr.Length >= minIsr) return [];
        return ps.Elr.Concat(ps.Isr.Except(newIsr)).Where(b => Array.IndexOf(newIsr, b) < 0).Distinct().ToArray();
    }

    /// <summary>Takes a broker out of a partition's ISR and, if it led, elects another leader by the rules above.</summary>
    private void RemoveReplica(PartitionState ps, int id, string cause)
    {
        var isr = ps.Isr.Where(b => b != id).ToArray();
        var elr = EligibleAfterShrink(ps, isr);
        int leader = ps.Leader;
        string why = cause;
        if (ps.Leader == id)
        {
            leader = ChooseLeader(ps.Replicas, isr, id);
            if (leader == PartitionState.NoLeader && ElrEnabled)
            {
                leader = ChooseLeader(ps.Replicas, elr, id);
                if (leader != PartitionState.NoLeader)
                {
                    isr = [leader];
                    elr = elr.Where(b => b != leader).ToArray();
                    why = $"{cause}; broker {leader} elected from the eligible leader replicas (KIP-966)";
                }
            }
            if (leader == PartitionState.NoLeader && _ctx.UncleanElection(_ctx.Partitions[ps.Partition]))
            {
                // PartitionChangeBuilder's unclean branch takes the first replica isAcceptableLeader allows: not the broker
                // removed, and active (ClusterControlManager.isActive: unfenced and not in a controlled shutdown).
                leader = ps.Replicas.FirstOrDefault(r => r != id && !Image.IsFenced(r) && !_control.IsShuttingDown(r), PartitionState.NoLeader);
                if (leader != PartitionState.NoLeader)
                {
                    isr = [leader];
                    why = $"{cause}; unclean election of out-of-sync broker {leader} (unclean.leader.election.enable)";
                }
            }
        }
        // The ISR never becomes empty: its last member stays, so it can lead again when it returns.
        if (isr.Length == 0)
        {
            isr = [id];
            elr = elr.Where(b => b != id).ToArray();
        }
        var next = ps with { Isr = isr, Elr = elr, Leader = leader, LeaderEpoch = leader != ps.Leader ? ps.LeaderEpoch + 1 : ps.LeaderEpoch };
        Change(ps, next, why);
    }

    private long Change(PartitionState before, PartitionState after, string cause)
    {
        after = after with { PartitionEpoch = before.PartitionEpoch + 1 };
        return _quorum.Propose(new MetadataRecord(MetadataRecordKind.PartitionChange, -1, after, cause, before));
    }

    /// <summary>The KRaft controller elects at most this many preferred leaders per balance task (ReplicationControlManager.MAX_ELECTIONS_PER_IMBALANCE).</summary>
    internal const int MaxElectionsPerImbalance = 1_000;

    /// <summary>
    /// Moves leadership back to each partition's preferred leader where it is in sync and available
    /// (auto.leader.rebalance.enable; ReplicationControlManager.maybeBalancePartitionLeaders), at most
    /// <see cref="MaxElectionsPerImbalance"/> of them; true when it stopped there with more perhaps left.
    /// </summary>
    internal bool RebalanceLeaders()
    {
        int elected = 0;
        foreach (var ps in Image.Partitions.ToList())
        {
            if (elected >= MaxElectionsPerImbalance) return true;
            if (!ps.Exists) continue;
            int preferred = ps.PreferredLeader;
            if (ps.Leader == preferred || !ps.InIsr(preferred) || Image.IsFenced(preferred) || _control.IsShuttingDown(preferred)) continue;
            Change(ps, ps with { Leader = preferred, LeaderEpoch = ps.LeaderEpoch + 1 },
                $"preferred leader election: broker {preferred} is back in sync (auto.leader.rebalance.enable)");
            elected++;
        }
        return elected >= MaxElectionsPerImbalance;
    }

    /// <summary>
    /// Whether some partition's leader is not its preferred replica (ReplicationControlManager.arePartitionLeadersImbalanced:
    /// its <c>imbalancedPartitions</c> set is not empty; PartitionRegistration.hasPreferredLeader). The image keeps the count
    /// on every partition change, so this is read, not scanned, after every controller write.
    /// </summary>
    internal bool AnyLeaderImbalanced() => Image.ImbalancedPartitions > 0;

    // ---- ISR changes from leaders ----

    /// <summary>
    /// An ISR change requested by a partition leader (AlterPartition, KIP-497): checked against the leader
    /// and partition epochs and, by KIP-841, the new members' eligibility; answered once the change is committed.
    /// </summary>
    internal void OnAlterPartition(AlterPartitionRequest m)
    {
        var to = _ctx.BrokerNode(m.BrokerId);
        if (!_control.Active)
        {
            _ctx.Send(_quorum.Node, to, AlterResponse(m, ErrorCode.NotController, null));
            return;
        }
        var ps = Image.Partition(m.Partition);
        if (ps.Leader != m.BrokerId || ps.LeaderEpoch != m.LeaderEpoch)
        {
            _ctx.Send(_quorum.Node, to, AlterResponse(m, ErrorCode.FencedLeaderEpoch, ps));
            return;
        }
        if (ps.PartitionEpoch != m.PartitionEpoch)
        {
            _ctx.Send(_quorum.Node, to, AlterResponse(m, ErrorCode.InvalidUpdateVersion, ps));
            return;
        }
        // KIP-841: a fenced or shutting-down broker cannot join the ISR.
        if (m.NewIsr.Any(b => !ps.InIsr(b) && (Image.IsFenced(b) || _control.IsShuttingDown(b))))
        {
            _ctx.Send(_quorum.Node, to, AlterResponse(m, ErrorCode.IneligibleReplica, ps));
            return;
        }
        var removed = ps.Isr.Except(m.NewIsr).ToArray();
        string cause = ps.Observers.Length > 0 && m.NewIsr.Length < ps.Isr.Length && removed.All(ps.IsObserver)
            ? $"leader {m.BrokerId} demoted observer(s) {Describe(removed)}: the synchronous replicas satisfy the observer promotion policy again"
            : m.NewIsr.Length < ps.Isr.Length
            ? $"leader {m.BrokerId} shrank the ISR: {Describe(ps.Isr.Except(m.NewIsr))} fell behind (replica.lag.time.max.ms)"
            : ps.Observers.Length > 0 && m.NewIsr.Except(ps.Isr).All(ps.IsObserver)
            ? $"leader {m.BrokerId} promoted observer(s) {Describe(m.NewIsr.Except(ps.Isr))}: caught up while the observer promotion policy holds"
            : $"leader {m.BrokerId} expanded the ISR: {Describe(m.NewIsr.Except(ps.Isr))} caught up";
        long offset = Change(ps, ps with { Isr = m.NewIsr, Elr = EligibleAfterShrink(ps, m.NewIsr).Where(b => Array.IndexOf(m.NewIsr, b) < 0).ToArray() }, cause);
        _awaitingCommit.Add((offset, to, AlterResponse(m, ErrorCode.None, Image.Partition(m.Partition))));
        MaybeCompleteReassignment(Image.Partition(m.Partition));
    }

    /// <summary>Sends the AlterPartition answers whose change the high watermark has now passed.</summary>
    internal void OnCommitted(long highWatermark)
    {
        for (int i = 0; i < _awaitingCommit.Count; i++)
        {
            var (offset, to, message) = _awaitingCommit[i];
            if (offset >= highWatermark) continue;
            _ctx.Send(_quorum.Node, to, message);
            _awaitingCommit.RemoveAt(i--);
        }
    }

    /// <summary>Forgets unanswered changes: leadership was lost, and the brokers retry with the next controller.</summary>
    internal void Deactivate() => _awaitingCommit.Clear();

    private static string Describe(IEnumerable<int> brokers) => "broker " + string.Join(", ", brokers);

    private AlterPartitionResponse AlterResponse(AlterPartitionRequest m, ErrorCode error, PartitionState? state) => new()
    {
        To = Component.Broker, From = Component.Controller, CorrelationId = m.CorrelationId, Error = error,
        Partition = m.Partition, LeaderHint = _quorum.LeaderId, State = state,
    };
}
