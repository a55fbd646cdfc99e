using System.Globalization;

namespace Sim.Golden.Tests;

/// <summary>
/// The seven-architectures study tells the designs apart: no two of stretch, active-active, active-passive,
/// aggregate, hub-and-spoke, observer and tiered storage with DR produce the same result row, and each differs where
/// the multi-site guide says it should. Read from the golden runs.csv, which <see cref="GoldenTrajectoryTests"/> holds equal
/// to a fresh run of experiments/seven-architectures.yaml.
/// </summary>
public class SevenArchitecturesRowsTests
{
    private static readonly string[] Designs = ["stretch", "active-active", "active-passive", "aggregate", "hub-and-spoke", "observer", "tiered-dr"];

    private static List<Dictionary<string, string>> Rows()
    {
        var lines = File.ReadAllLines(Path.Combine(GoldenFiles.GoldenRoot(), "seven-architectures", "runs.csv"));
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static string[] Skip => ["run_id", "point_id", "replication", "seed", "architecture"];

    [Fact]
    public void NoTwoDesigns_ProduceTheSameResultRow()
    {
        foreach (var group in Rows().GroupBy(r => r["replication"]))
        {
            var rows = group.Where(r => Designs.Contains(r["architecture"])).ToList();
            Assert.Equal(Designs.Length, rows.Count);
            string Key(Dictionary<string, string> r) => string.Join(",", r.Where(kv => !Skip.Contains(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value));
            var duplicates = rows.GroupBy(Key).Where(g => g.Count() > 1).Select(g => string.Join(" = ", g.Select(r => r["architecture"]))).ToList();
            Assert.True(duplicates.Count == 0, $"identical rows: {string.Join("; ", duplicates)}");
        }
    }

    [Fact]
    public void EachDesign_DiffersWhereTheGuideSaysItDoes()
    {
        var rows = Rows().Where(r => r["replication"] == "0").ToDictionary(r => r["architecture"]);
        double V(string design, string metric) => double.Parse(rows[design][metric], CultureInfo.InvariantCulture);
        // Conflicts: required in active-active, possible in hub-and-spoke (fanned out), none where one site writes or one log orders writes.
        Assert.True(V("active-active", "conflicts_per_s") > 0);
        Assert.True(V("hub-and-spoke", "conflicts_per_s") > 0);
        foreach (var d in new[] { "stretch", "active-passive", "aggregate", "observer" }) Assert.Equal(0, V(d, "conflicts_per_s"));
        // The hub carries the sum of its four spokes: more mirrored records than any other design's busiest cluster.
        foreach (var d in Designs.Where(d => d != "hub-and-spoke")) Assert.True(V("hub-and-spoke", "mirror_in_records_per_s_max") > V(d, "mirror_in_records_per_s_max"), d);
        // The aggregate's readers see the regions through MirrorMaker 2; the observer's production readers read locally.
        Assert.True(V("aggregate", "e2e_latency_ms_p50") > V("observer", "e2e_latency_ms_p50"));
        // Stretch pays the cross-site round trip on every acks=all write; no mirror at all.
        Assert.Equal(0, V("stretch", "mirror_in_records_per_s_max"));
        // One cluster, two, three with the aggregate, N+1 with four spokes (seed's "Clusters" row).
        Assert.Equal([1, 2, 2, 3, 5, 3, 2], Designs.Select(d => V(d, "kafka_clusters")).ToArray());
        // The aggregate keeps years on HDD against the regions' 7 days: more held at retention and a larger storage bill than any other
        // design; a regional failover's re-copied records reach its readers twice.
        foreach (var d in Designs.Where(d => d != "aggregate"))
        {
            Assert.True(V("aggregate", "log_retained_tb") > V(d, "log_retained_tb"), d);
            Assert.True(V("aggregate", "cost_month_storage_usd") > V(d, "cost_month_storage_usd"), d);
        }
        Assert.True(V("aggregate", "duplicates") > 0);
        // Spoke-to-spoke data takes two hops through the hub: slower than the aggregate's one hop when neither flow stops.
        Assert.True(V("hub-and-spoke", "mirrored_e2e_latency_ms_p50") > V("aggregate", "mirrored_e2e_latency_ms_p50"));
    }

    /// <summary>
    /// Tiered storage with DR is active-passive plus a remote tier (seed, "Tiered Storage with DR"; KIP-405): the same hot
    /// path and failover, so their rows differ in the remote tier's columns and the cold data's recovery point, which
    /// active-passive has none of.
    /// </summary>
    [Fact]
    public void TieredDr_DiffersFromActivePassive_InTheRemoteTierAndTheColdRecoveryPoint()
    {
        foreach (var group in Rows().GroupBy(r => r["replication"]))
        {
            var rows = group.ToDictionary(r => r["architecture"]);
            var (passive, tiered) = (rows["active-passive"], rows["tiered-dr"]);
            double V(Dictionary<string, string> r, string metric) => double.Parse(r[metric], CultureInfo.InvariantCulture);
            Assert.Equal("", passive["rpo_cold_s"]);
            Assert.InRange(V(tiered, "rpo_cold_s"), 1, 60);
            Assert.True(V(tiered, "rpo_cold_s") > V(tiered, "rpo_hot_s"), "cold data waits for its segment to close, upload and replicate");
            Assert.Equal(0, V(passive, "remote_tier_uploaded_gb"));
            Assert.True(V(tiered, "remote_tier_uploaded_gb") > 0 && V(tiered, "remote_tier_replicated_gb") > 0);
            Assert.True(V(tiered, "dr_transfer_gb") > V(passive, "dr_transfer_gb"), "the DR region also receives the store's replicated segments");
            Assert.Equal(V(passive, "kafka_clusters"), V(tiered, "kafka_clusters"));
        }
    }
}
