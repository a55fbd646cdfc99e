using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary>
/// <c>elect-leaders</c>: an operator's <c>kafka-leader-election</c> (the ElectLeaders API, KIP-460) for
/// partitions (<c>orders/0</c>) or every partition of a topic (<c>topic:orders</c>). <c>election:
/// preferred</c> (the default) moves leadership back to each partition's first replica where it is in
/// sync; <c>election: unclean</c> gives a leaderless partition a leader, from the ISR if a member is up,
/// else the first live replica, losing what it lacks. faults.csv records each partition's outcome with
/// Kafka's error names (ELECTION_NOT_NEEDED, PREFERRED_LEADER_NOT_AVAILABLE).
/// </summary>
public sealed record ElectLeaders(SimTime At, string Cluster, Targets<TopicPartitions> Partitions, bool Unclean) : Fault(At, null)
{
    public override string Kind => FaultKind.ElectLeaders;

    public override string TargetText => Partitions.ToString();

    public override IEnumerable<string> TrailingFields => [$"election: {(Unclean ? "unclean" : "preferred")}"];

    public override FaultEffect Apply(FaultRuntime runtime)
    {
        var cluster = runtime.Cluster(Cluster);
        var indexes = Partitions.SelectMany(p => p.Indexes(cluster)).Distinct().ToList();
        var outcome = cluster.ElectLeaders(indexes, Unclean);
        return FaultEffect.Nothing(outcome is null ? "no election: no active controller" : string.Join("; ", outcome));
    }

    public static Fault? Read(FaultFields f)
    {
        if (f.Duration is not null) f.Error("duration", "an election is done once it is made: it takes no duration");
        var partitions = f.Each("target", p => TopicPartitions.Parse(p, f));
        string election = f.Choice("election", "preferred", "unclean") ?? "preferred";
        if (partitions is null || f.Cluster is null || f.Duration is not null) return null;
        return new ElectLeaders(f.At, f.Cluster, partitions, election == "unclean");
    }
}
