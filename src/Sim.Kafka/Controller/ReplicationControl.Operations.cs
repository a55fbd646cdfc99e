using Sim.Kafka.Metadata;

namespace Sim.Kafka.Controller;

/// <summary>
/// What an operator asks the active controller for while the cluster runs: leader elections
/// (kafka-leader-election, the ElectLeaders API of KIP-460), partition reassignments
/// (kafka-reassign-partitions, AlterPartitionReassignments of KIP-455) and, once
/// <c>unclean.leader.election.enable</c> has been turned on dynamically, the periodic unclean election
/// of leaderless partitions (KRaft's <c>unclean.leader.election.interval.ms</c> check).
/// </summary>
internal sealed partial class ReplicationControl
{
    /// <summary>
    /// Elects leaders for <paramref name="partitions"/>. PREFERRED moves leadership to the first replica if
    /// it is in sync and unfenced (else PREFERRED_LEADER_NOT_AVAILABLE). UNCLEAN acts only on a partition
    /// without a leader: an unfenced ISR member if one is left, else the first unfenced replica, whose
    /// missing tail is lost (ELECTION_NOT_NEEDED where a leader is up). Returns one line per partition.
    /// </summary>
    internal IReadOnlyList<string> ElectLeaders(IReadOnlyList<int> partitions, bool unclean)
    {
        var outcome = new List<string>(partitions.Count);
        foreach (int index in partitions)
        {
            var ps = Image.Partition(index);
            string name = _ctx.Partitions[index].Name;
            if (unclean) outcome.Add($"{name}: {ElectUnclean(ps, "kafka-leader-election --election-type UNCLEAN")}");
            else outcome.Add($"{name}: {ElectPreferred(ps)}");
        }
        return outcome;
    }

    private string ElectPreferred(PartitionState ps)
    {
        if (!ps.Exists) return "UNKNOWN_TOPIC_OR_PARTITION";
        int preferred = ps.PreferredLeader;
        if (ps.Leader == preferred) return "ELECTION_NOT_NEEDED";
        if (!ps.InIsr(preferred) || Image.IsFenced(preferred) || _control.IsShuttingDown(preferred)) return "PREFERRED_LEADER_NOT_AVAILABLE";
        Change(ps, ps with { Leader = preferred, LeaderEpoch = ps.LeaderEpoch + 1 }, $"preferred leader election of broker {preferred} (kafka-leader-election)");
        return $"leader {preferred}";
    }

    private string ElectUnclean(PartitionState ps, string by)
    {
        if (!ps.Exists) return "UNKNOWN_TOPIC_OR_PARTITION";
        if (ps.Leader != PartitionState.NoLeader) return "ELECTION_NOT_NEEDED";
        int clean = ChooseLeader(ps.Replicas, ps.Isr, exclude: PartitionState.NoLeader);
        if (clean != PartitionState.NoLeader)
        {
            Change(ps, ps with { Leader = clean, LeaderEpoch = ps.LeaderEpoch + 1 }, $"broker {clean}, in sync, elected ({by})");
            return $"leader {clean}";
        }
        int leader = ps.Replicas.FirstOrDefault(r => !Image.IsFenced(r) && !_control.IsShuttingDown(r), PartitionState.NoLeader);
        if (leader == PartitionState.NoLeader) return "ELIGIBLE_LEADERS_NOT_AVAILABLE";
        Change(ps, ps with { Leader = leader, Isr = [leader], Elr = [], LeaderEpoch = ps.LeaderEpoch + 1 },
            $"unclean election of out-of-sync broker {leader} ({by})");
        return $"unclean leader {leader}";
    }

    /// <summary>
    /// The periodic check KRaft runs every <c>unclean.leader.election.interval.ms</c>: a leaderless partition
    /// whose <c>unclean.leader.election.enable</c> is now on gets an unclean leader.
    /// </summary>
    internal void ElectUncleanLeaders()
    {
        foreach (var ps in Image.Partitions.ToList())
        {
            if (ps.Exists && ps.Leader == PartitionState.NoLeader && _ctx.UncleanElection(_ctx.Partitions[ps.Partition]))
                ElectUnclean(ps, "unclean.leader.election.enable, turned on dynamically, at the periodic check");
        }
    }

    /// <summary>
    /// Starts moving a partition to <paramref name="target"/> (KIP-455): the replicas become the target
    /// followed by the replicas leaving, the new ones are recorded as adding and start copying the leader's
    /// log; when all of them have joined the ISR the reassignment completes (<see cref="MaybeCompleteReassignment"/>).
    /// </summary>
    internal string Reassign(int index, int[] target)
    {
        var ps = Image.Partition(index);
        if (!ps.Exists) return "UNKNOWN_TOPIC_OR_PARTITION";
        if (ps.Reassigning) return "REASSIGNMENT_IN_PROGRESS";
        var adding = target.Where(b => !ps.IsReplica(b)).ToArray();
        var removing = ps.Replicas.Where(b => Array.IndexOf(target, b) < 0).ToArray();
        if (adding.Length == 0 && removing.Length == 0 && target.SequenceEqual(ps.Replicas)) return "already on its target";
        var next = ps with { Replicas = [.. target, .. removing], AddingReplicas = adding, RemovingReplicas = removing };
        Change(ps, next, $"reassignment to {PartitionState.Format(target)} began (adding {PartitionState.Format(adding)}, removing {PartitionState.Format(removing)})");
        MaybeCompleteReassignment(Image.Partition(index));
        return $"reassigning to {PartitionState.Format(target)}";
    }

    /// <summary>
    /// Completes a reassignment once every adding replica is in the ISR (ReplicationControlManager's
    /// PartitionReassignmentReplicas.maybeCompleteReassignment): the replicas become the target, the leaving
    /// ones drop out of the ISR, and a leader that is leaving hands over to the first target replica in sync.
    /// </summary>
    private void MaybeCompleteReassignment(PartitionState ps)
    {
        if (!ps.Reassigning || ps.AddingReplicas.Any(b => !ps.InIsr(b))) return;
        var target = ps.Replicas.Where(b => Array.IndexOf(ps.RemovingReplicas, b) < 0).ToArray();
        var isr = target.Where(ps.InIsr).ToArray();
        int leader = Array.IndexOf(target, ps.Leader) >= 0 ? ps.Leader : ChooseLeader(target, isr, exclude: PartitionState.NoLeader);
        var next = ps with
        {
            Replicas = target, Isr = isr.Length > 0 ? isr : ps.Isr, Elr = ps.Elr.Where(b => Array.IndexOf(target, b) >= 0).ToArray(),
            Leader = leader, LeaderEpoch = leader != ps.Leader ? ps.LeaderEpoch + 1 : ps.LeaderEpoch,
            AddingReplicas = [], RemovingReplicas = [],
        };
        Change(ps, next, $"reassignment to {PartitionState.Format(target)} completed: every new replica is in sync");
    }
}
