using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.DataPlane;

/// <summary>
/// A stretch cluster over three sites, one replica per site, loses a whole site to a power cut.
/// Source: Kafka documentation, design section 4.7 "Replication" ("a committed message will not be lost,
/// as long as there is at least one in sync replica alive, at all times") and producer config <c>acks</c>;
/// Confluent, "Multi-Region Clusters" / multi-datacenter design notes (a stretch cluster with
/// <c>acks=all</c> and <c>min.insync.replicas=2</c> over three sites has an RPO of zero).
/// </summary>
public class SiteOutageDurabilityScenarios(ITestOutputHelper output)
{
    // The producer sits in site a beside the leader of orders-0 and 10 ms from the other sites, so an
    // acks=1 leader acknowledges well before its followers can have fetched.
    private const string SiteOutage = """
        name: site-outage-durability
        model: models/three-metro-dcs.yaml
        seed: 3
        duration: 50s
        warmup: 5s
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
            controllers: { a: 1, b: 1, c: 1 }
            broker: { offsets.topic.num.partitions: 1 }
        topics:
          orders: { partitions: 3, replication.factor: 3, min.insync.replicas: 2 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 3000/s, keys: 1000, config: { acks: all, linger.ms: 10, batch.size: 131072 } }
        network:
          links:
            a/b: { rtt: 20ms }
            a/c: { rtt: 20ms }
        faults:
          - { at: 20s, kind: site-outage, target: a, duration: 20s }
        """;

    /// <summary>Source: design.html 4.7 (committed = in every ISR member; acks=all waits for it); <c>min.insync.replicas</c> (TopicConfig).</summary>
    [Fact]
    public void NoAcknowledgedRecordIsLostWhenOneSiteFails()
    {
        var o = Scenario.Run(SiteOutage);
        output.WriteLine(o.Brief());
        output.WriteLine($"acked {o.Result.RecordsAcked}, lost {o.Result.AckedRecordsLost}, leader elections {o.Result.LeaderElections}");
        // The site really took data with it: the power cut emptied the page cache of the broker in a.
        Assert.NotEmpty(o.Matching("truncation", "power loss"));
        Assert.NotNull(o.Find("orders-0: the leader moves from broker 1"));
        Assert.True(o.Result.RecordsAcked > 50_000, $"acked {o.Result.RecordsAcked}");
        Assert.Equal(0, o.Result.AckedRecordsLost);
        Assert.Empty(o.Entries("lost"));
    }

    /// <summary>Source: ProducerConfig <c>acks</c> ("acks=1 ... should the leader fail immediately after acknowledging the record but before the followers have replicated it then the record will be lost").</summary>
    [Fact]
    public void WithAcksOneTheSameSiteOutageLosesWhatOnlyTheLeaderHad()
    {
        var o = Scenario.Run(SiteOutage, 0, "workload.producers.0.config.acks=1");
        output.WriteLine(o.Brief());
        var lost = o.Entries("lost").ToList();
        output.WriteLine($"lost {o.Result.AckedRecordsLost} records in {lost.Count} ranges, RPO {o.Result.RpoS} s");
        Assert.True(o.Result.AckedRecordsLost > 0, "acks=1 lost nothing in a site outage");
        // Only records acknowledged in the last round trip before the cut, by the leader in the failed site.
        Assert.All(lost, l => Assert.Equal("orders-0", l.Partition));
        Assert.InRange(o.Result.RpoS, 0.0, 0.1);
        Assert.All(lost, l => Assert.Contains(l.Because, s => s.Contains("acks=1 acknowledged them on the leader's word alone, without waiting for the in-sync followers to copy them")));
    }
}
