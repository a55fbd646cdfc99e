namespace Sim.Kafka.Config;

/// <summary>
/// Confluent Server's <c>observerPromotionPolicy</c> of a placement constraint: when the leader lets a
/// caught-up observer into the ISR (Confluent Multi-Region Clusters, "Automatic observer promotion").
/// </summary>
public enum ObserverPromotionPolicy
{
    /// <summary>No automatic promotion: observers never join the ISR.</summary>
    None,

    /// <summary><c>under-min-isr</c>: promote while the ISR is smaller than <c>min.insync.replicas</c>.</summary>
    UnderMinIsr,

    /// <summary><c>under-replicated</c>: promote while a synchronous replica is out of the ISR.</summary>
    UnderReplicated,

    /// <summary><c>leader-is-observer</c>: promote only while an observer leads the partition (after an unclean election onto it).</summary>
    LeaderIsObserver,
}

/// <summary>One entry of a placement constraint: <c>{"count": N, "constraints": {"rack": R}}</c>.</summary>
public sealed record RackCount(int Count, string Rack);

/// <summary>
/// A topic's <c>confluent.placement.constraints</c> (Confluent Multi-Region Clusters): how many synchronous
/// replicas and how many observers to put in each rack (<c>broker.rack</c>). Observers copy the leader's log
/// as followers do but stay out of the ISR, so <c>acks=all</c> and the high watermark never wait for them;
/// with <see cref="Promotion"/> a caught-up observer joins the ISR while the policy's condition holds and
/// leaves it when the condition clears (demotion).
/// </summary>
public sealed record PlacementConstraints(IReadOnlyList<RackCount> Replicas, IReadOnlyList<RackCount> Observers)
{
    public ObserverPromotionPolicy Promotion { get; init; } = ObserverPromotionPolicy.None;

    public int SyncCount => Replicas.Sum(r => r.Count);

    public int ObserverCount => Observers.Sum(r => r.Count);

    public static ObserverPromotionPolicy ParsePolicy(string s) => s switch
    {
        "under-min-isr" => ObserverPromotionPolicy.UnderMinIsr,
        "under-replicated" => ObserverPromotionPolicy.UnderReplicated,
        "leader-is-observer" => ObserverPromotionPolicy.LeaderIsObserver,
        _ => throw new ArgumentException($"unknown observerPromotionPolicy '{s}' (under-min-isr, under-replicated, leader-is-observer)"),
    };
}
