using Sim.Architectures.Templates;

namespace Sim.Architectures.Metrics;

/// <summary>
/// Every running application consumer's assigned partitions as the run ends (<see cref="RunResult.ConsumersAtEnd"/>),
/// applications in their order, partitions in assignment order: where it reads, the broker it fetches from and the
/// preferred read replica the leader named (KIP-392: with <c>replica.selector.class</c> RackAwareReplicaSelector and
/// the consumer's <c>client.rack</c>, a replica in the consumer's rack), what <c>kafka-consumer-groups --describe</c>
/// and the consumer's <c>preferred-read-replica</c> fetch metric show.
/// </summary>
public sealed class ConsumerEndProbe(RunContext context) : IRunProbe
{
    public RunResult Contribute(RunResult result)
    {
        var rows = new List<ConsumerEnd>();
        foreach (var app in context.Apps.Where(a => a.Placement.Role == AppRole.Consumer))
        {
            if (app.Consumer is not { Running: true } c) continue;
            for (int i = 0; i < c.Assigned.Count; i++)
            {
                var info = app.Cluster.Context.Partitions[c.Assigned[i]];
                rows.Add(new ConsumerEnd(app.Cluster.Name, c.Config.GroupId, app.Name, info.Topic.Name, info.NumberInTopic, c.Positions[i],
                    c.FetchingFrom(i), c.PreferredReadReplicas[i]));
            }
        }
        return result with { ConsumersAtEnd = rows };
    }
}

/// <summary>One consumer's partition as the run left it (see <see cref="ConsumerEndProbe"/>); the results' copy is Sim.Results' ConsumerAtEnd.</summary>
public sealed record ConsumerEnd(string Cluster, string Group, string Consumer, string Topic, int Partition, long Position, int FetchingFrom, int PreferredReadReplica);

/// <summary>What one group got of one partition (see <see cref="DeliveryProbe"/>); the results' copy is Sim.Results' PartitionDelivery.</summary>
public sealed record GroupPartitionDelivery(string Group, string Cluster, string Topic, int Partition, long Records, long Duplicates, long Skipped);
