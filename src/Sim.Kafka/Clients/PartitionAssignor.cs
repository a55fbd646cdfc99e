using Sim.Kafka.Metadata;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Clients;

/// <summary>
/// The consumer-side partition assignors of <c>partition.assignment.strategy</c>, run by the group's leader on
/// the members' subscriptions: RangeAssignor (per topic, contiguous ranges to members in member-id order),
/// RoundRobinAssignor (every subscribed partition, in topic and partition order, dealt round the members),
/// StickyAssignor (balanced, keeping as many owned partitions as balance allows, KIP-54) and
/// CooperativeStickyAssignor (the sticky target, minus every partition that must first be revoked from its
/// current owner, KIP-429). Default: <c>[range, cooperative-sticky]</c>, Kafka 3.0+, so the group runs range
/// with eager rebalances until every member drops range.
/// </summary>
/// <remarks>
/// Simplification: the sticky assignors' balancing handles members with different subscriptions greedily
/// (most-loaded members give up partitions first) rather than with AbstractStickyAssignor's general search.
/// </remarks>
public static class PartitionAssignor
{
    public const string Range = "range";
    public const string RoundRobin = "roundrobin";
    public const string Sticky = "sticky";
    public const string CooperativeSticky = "cooperative-sticky";

    /// <summary>The strategies Kafka knows, by their protocol names.</summary>
    public static readonly IReadOnlyList<string> Names = [Range, RoundRobin, Sticky, CooperativeSticky];

    /// <summary>Whether the protocol is COOPERATIVE (incremental rebalances) rather than EAGER.</summary>
    public static bool IsCooperative(string? protocol) => protocol == CooperativeSticky;

    /// <summary>Each member's partitions under <paramref name="strategy"/>; members in the JoinGroup response's order.</summary>
    public static Dictionary<string, int[]> Assign(string strategy, IReadOnlyList<GroupMemberMetadata> members, IReadOnlyList<PartitionInfo> catalog)
    {
        var ordered = members.OrderBy(m => m.MemberId, StringComparer.Ordinal).ToList();
        var result = strategy switch
        {
            RoundRobin => AssignRoundRobin(ordered, catalog),
            Sticky or CooperativeSticky => AssignSticky(ordered, catalog),
            _ => AssignRange(ordered, catalog),
        };
        if (strategy == CooperativeSticky) WithholdTransfers(result, ordered);
        return result.ToDictionary(kv => kv.Key, kv => kv.Value.OrderBy(p => p).ToArray(), StringComparer.Ordinal);
    }

    private static Dictionary<string, List<int>> Empty(IReadOnlyList<GroupMemberMetadata> members) =>
        members.ToDictionary(m => m.MemberId, _ => new List<int>(), StringComparer.Ordinal);

    private static IEnumerable<int> Subscribed(IReadOnlyList<GroupMemberMetadata> members, IReadOnlyList<PartitionInfo> catalog) =>
        members.SelectMany(m => m.Subscription).Distinct().OrderBy(p => catalog[p].Topic.Name, StringComparer.Ordinal).ThenBy(p => catalog[p].NumberInTopic);

    private static Dictionary<string, List<int>> AssignRange(IReadOnlyList<GroupMemberMetadata> members, IReadOnlyList<PartitionInfo> catalog)
    {
        var result = Empty(members);
        foreach (var topic in Subscribed(members, catalog).GroupBy(p => catalog[p].Topic.Name, StringComparer.Ordinal))
        {
            var parts = topic.ToList();
            var consumers = members.Where(m => m.Subscription.Contains(parts[0])).ToList();
            int each = parts.Count / consumers.Count, extra = parts.Count % consumers.Count, next = 0;
            for (int i = 0; i < consumers.Count; i++)
            {
                int n = each + (i < extra ? 1 : 0);
                result[consumers[i].MemberId].AddRange(parts.Skip(next).Take(n));
                next += n;
            }
        }
        return result;
    }

    private static Dictionary<string, List<int>> AssignRoundRobin(IReadOnlyList<GroupMemberMetadata> members, IReadOnlyList<PartitionInfo> catalog)
    {
        var result = Empty(members);
        int turn = 0;
        foreach (var p in Subscribed(members, catalog))
        {
            // The circular iterator skips members not subscribed to the partition's topic.
            for (int tries = 0; tries < members.Count; tries++)
            {
                var m = members[turn++ % members.Count];
                if (!m.Subscription.Contains(p)) continue;
                result[m.MemberId].Add(p);
                break;
            }
        }
        return result;
    }

    /// <summary>
    /// Keeps each member's owned partitions up to its balanced share (a partition claimed by two members goes
    /// to neither: one of them lost it), then hands the rest to the least-loaded subscribed members.
    /// </summary>
    private static Dictionary<string, List<int>> AssignSticky(IReadOnlyList<GroupMemberMetadata> members, IReadOnlyList<PartitionInfo> catalog)
    {
        var result = Empty(members);
        var all = Subscribed(members, catalog).ToList();
        int floor = all.Count / members.Count, extra = all.Count % members.Count;
        var claims = members.SelectMany(m => m.Owned.Where(p => m.Subscription.Contains(p)).Select(p => (m.MemberId, p)))
            .GroupBy(x => x.p).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.First().MemberId);
        int fullShares = 0;
        foreach (var m in members.OrderByDescending(m => m.Owned.Length).ThenBy(m => m.MemberId, StringComparer.Ordinal))
        {
            int quota = floor + (fullShares < extra ? 1 : 0);
            var keep = m.Owned.Where(p => claims.TryGetValue(p, out var owner) && owner == m.MemberId).OrderBy(p => p).Take(quota).ToList();
            if (keep.Count > floor) fullShares++;
            result[m.MemberId].AddRange(keep);
        }
        var taken = result.Values.SelectMany(v => v).ToHashSet();
        foreach (var p in all.Where(p => !taken.Contains(p)))
        {
            var to = members.Where(m => m.Subscription.Contains(p)).OrderBy(m => result[m.MemberId].Count).ThenBy(m => m.MemberId, StringComparer.Ordinal).First();
            result[to.MemberId].Add(p);
        }
        return result;
    }

    /// <summary>
    /// KIP-429: a partition moving from one member to another is left out of the new owner's assignment in this
    /// generation; its old owner, not given it, revokes it and rejoins, and the next rebalance assigns it.
    /// </summary>
    private static void WithholdTransfers(Dictionary<string, List<int>> result, IReadOnlyList<GroupMemberMetadata> members)
    {
        var owner = new Dictionary<int, string>();
        foreach (var m in members)
        {
            foreach (var p in m.Owned) owner.TryAdd(p, m.MemberId);
        }
        foreach (var (member, parts) in result)
            parts.RemoveAll(p => owner.TryGetValue(p, out var o) && o != member && result.ContainsKey(o));
    }
}
