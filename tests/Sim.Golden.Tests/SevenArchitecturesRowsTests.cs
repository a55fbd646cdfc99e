using System.Globalization;

namespace Sim.Golden.Tests;

/// <summary>
/// The seven-architectures study tells the designs apart: no two of stretch, active-active, active-passive,
/// aggregate, hub-and-spoke and observer produce the same result row, and each differs where the multi-site
/// guide says it should. Read from the golden runs.csv, which <see cref="GoldenTrajectoryTests"/> holds equal
/// to a fresh run of experiments/seven-architectures.yaml.
/// </summary>
public class SevenArchitecturesRowsTests
{
    private static readonly string[] Designs = ["stretch", "active-active", "active-passive", "aggregate", "hub-and-spoke", "observer"];

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
    }
}
