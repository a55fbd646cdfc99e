using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Sim.Experiments.Schema;
using Sim.Experiments.Tests.Support;

namespace Sim.Experiments.Tests.Schema;

/// <summary>
/// Every key the documentation names exists: a reader who copies a key from docs/ into a file gets a key
/// the loader knows. What counts as naming a key, in docs/*.md and README.md:
/// <list type="number">
/// <item>each backticked span in the first cell of a table whose header's first cell is <c>key</c> (the key
/// tables of experiments.md, models.md, mirrormaker.md), written from any block (<c>replica.lag.time.max.ms</c>),
/// as a path (<c>limits.runs</c>, <c>prices.hours_per_month</c>) or with a placeholder for a name the user chooses
/// (<c>links.L.rtt</c>, <c>regions.R.zones.Z.racks</c>);</item>
/// <item>any backticked span that is a simulator key, <c>sim.</c> followed by dotted lower-case words
/// (<c>sim.gc.pause</c>): these exist only in the simulator, so one the key table lacks is always a mistake.</item>
/// </list>
/// Other backticked dotted names are left alone: the docs cite Kafka configs the simulator does not model
/// (<c>client.dns.lookup</c>) and file names (<c>report.md</c>). A name resolves when some mapping of the
/// generated schemas holds it, possibly through nested mappings and open maps (whose keys the user names).
/// </summary>
public sealed partial class DocsKeyTests
{
    [Fact]
    public void EveryKeyTheDocsName_IsAKeyOfTheKeyTables()
    {
        var schemas = JsonSchemas.All().Select(s => (JsonObject)JsonNode.Parse(s.Json)!).ToList();
        var named = NamedKeys();
        Assert.True(named.Count > 150, $"the scan found only {named.Count} keys; has the docs' table layout changed?");
        var unknown = named.Where(n => !schemas.Any(s => Resolves(s, n.Key))).Select(n => $"{n.Where}: `{n.Key}`").ToList();
        Assert.True(unknown.Count == 0, "keys named in the docs that no model or experiment file can hold:\n" + string.Join("\n", unknown));
    }

    [Fact]
    public void AKeyTheKeyTablesLack_IsCaught()
    {
        var schemas = JsonSchemas.All().Select(s => (JsonObject)JsonNode.Parse(s.Json)!).ToList();
        Assert.Contains(schemas, s => Resolves(s, "replica.lag.time.max.ms"));
        Assert.Contains(schemas, s => Resolves(s, "links.L.rtt"));
        Assert.Contains(schemas, s => Resolves(s, "limits.runs"));
        Assert.DoesNotContain(schemas, s => Resolves(s, "sim.byte.cost"));
        Assert.DoesNotContain(schemas, s => Resolves(s, "sim.metadata.mode"));
        Assert.DoesNotContain(schemas, s => Resolves(s, "links.L.latency"));
        Assert.DoesNotContain(schemas, s => Resolves(s, "replicaz"));
        Assert.DoesNotContain(schemas, s => Resolves(s, "L.rtt"));
    }

    private static List<(string Where, string Key)> NamedKeys()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, "docs"), "*.md").Append(Path.Combine(RepoRoot.Path, "README.md")).Order(StringComparer.Ordinal);
        var named = new List<(string, string)>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            bool keyTable = false;
            for (int i = 0; i < lines.Length; i++)
            {
                string where = $"{Path.GetRelativePath(RepoRoot.Path, file)}:{i + 1}";
                var cells = lines[i].StartsWith('|') ? lines[i].Split('|') : null;
                if (cells is null) keyTable = false;
                else if (cells[1].Trim() == "key") keyTable = true;
                else if (keyTable && !cells[1].TrimStart().StartsWith("---", StringComparison.Ordinal))
                    named.AddRange(Code().Matches(cells[1]).Select(m => (where, m.Groups[1].Value)));
                named.AddRange(Code().Matches(lines[i]).Select(m => m.Groups[1].Value).Where(k => SimKey().IsMatch(k)).Select(k => (where, k)));
            }
        }
        return named;
    }

    /// <summary>Whether <paramref name="key"/> is a property path from some mapping of <paramref name="root"/>.</summary>
    private static bool Resolves(JsonObject root, string key)
    {
        var segments = key.Split('.');
        return Mappings(root).Any(m => Resolves(root, m, segments, first: true));
    }

    private static IEnumerable<JsonObject> Mappings(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            if (o["properties"] is JsonObject || o["additionalProperties"] is JsonObject) yield return o;
            foreach (var (_, child) in o)
                foreach (var m in Mappings(child)) yield return m;
        }
        else if (node is JsonArray a)
        {
            foreach (var item in a)
                foreach (var m in Mappings(item)) yield return m;
        }
    }

    private static bool Resolves(JsonObject root, JsonObject schema, string[] segments, bool first = false)
    {
        if (segments.Length == 0) return true;
        if (schema["$ref"] is JsonValue r && root["$defs"]![r.GetValue<string>()["#/$defs/".Length..]] is JsonObject target && Resolves(root, target, segments)) return true;
        if (schema["anyOf"] is JsonArray any && any.OfType<JsonObject>().Any(b => Resolves(root, b, segments))) return true;
        if (schema["properties"] is JsonObject props)
        {
            // Keys hold dots themselves (replica.lag.time.max.ms), so every split of the path is tried.
            for (int k = 1; k <= segments.Length; k++)
            {
                if (props[string.Join('.', segments[..k])] is JsonObject p && Resolves(root, p, segments[k..])) return true;
            }
        }
        // A name the user chooses (links.L, topics.NAME) is taken only inside a path, never as its first word:
        // otherwise any word would resolve through some open map.
        return !first && schema["additionalProperties"] is JsonObject open && Resolves(root, open, segments[1..]);
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"^sim(\.[a-z0-9_]+)+$")]
    private static partial Regex SimKey();
}
