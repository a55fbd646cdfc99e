using System.Text.Json.Nodes;
using Sim.Core.Distributions;

namespace Sim.Experiments.Schema;

/// <summary>
/// Builders of JSON Schema (draft 2020-12) fragments for the value kinds the loader reads: durations,
/// sizes and bandwidths as strings with their unit, numbers, words from a fixed set, tagged distributions.
/// The patterns accept what <c>DurationText</c>, <c>ByteSizeText</c> and <c>BandwidthText</c> accept, so an
/// editor flags a missing or unknown unit before <c>sim validate</c> does.
/// </summary>
internal static class SchemaNodes
{
    private const string Number = @"[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?";
    public const string DurationPattern = $@"^-?{Number}\s*(ns|us|µs|ms|s|m|min|h)$";
    public const string SizePattern = $@"^{Number}\s*(B|KB|kB|MB|GB|TB|KiB|MiB|GiB|TiB)$";
    public const string BandwidthPattern = $@"^{Number}\s*(bps|Kbps|kbps|Mbps|Gbps|Tbps|B/s|KB/s|kB/s|MB/s|GB/s|KiB/s|MiB/s|GiB/s)$";

    /// <summary>A mapping whose keys are the ones listed (in order); any other key is an error, as the loader reports it.</summary>
    public static JsonObject Obj(string description, IEnumerable<(string Name, JsonObject Schema)> properties, bool closed = true)
    {
        var props = new JsonObject();
        foreach (var (name, schema) in properties) props[name] = Own(schema);
        var o = new JsonObject { ["description"] = description, ["type"] = Types("object", "null"), ["properties"] = props };
        if (closed) o["additionalProperties"] = false;
        return o;
    }

    /// <summary>A mapping whose keys the user names (zones, clusters, topics, architecture blocks), each value of one schema.</summary>
    public static JsonObject Map(string description, JsonObject values) =>
        new() { ["description"] = description, ["type"] = "object", ["additionalProperties"] = Own(values) };

    public static JsonObject List(string description, JsonObject items) =>
        new() { ["description"] = description, ["type"] = "array", ["items"] = Own(items) };

    /// <summary>A single value written as text; a plain YAML number or word reads as text too (names such as <c>2024</c>).</summary>
    public static JsonObject Word(string description) => new() { ["description"] = description, ["type"] = Types("string", "number", "boolean") };

    public static JsonObject Int(string description) => new() { ["description"] = description, ["type"] = "integer" };

    public static JsonObject Real(string description) => new() { ["description"] = description, ["type"] = "number" };

    public static JsonObject Bool(string description) => new() { ["description"] = description, ["type"] = "boolean" };

    /// <summary>A value the schema does not constrain: the loader alone checks it (its shape depends on other keys).</summary>
    public static JsonObject Any(string description) => new() { ["description"] = description };

    /// <summary>A duration with its unit (<c>30s</c>, <c>500ms</c>).</summary>
    public static JsonObject Duration(string description) => Kind(description, "duration");

    /// <summary>A bandwidth with its unit (<c>10Gbps</c>, <c>125MB/s</c>).</summary>
    public static JsonObject Bandwidth(string description) => Kind(description, "bandwidth");

    /// <summary>A size: whole bytes, or a size with its unit (<c>1MiB</c>).</summary>
    public static JsonObject Size(string description) => AnyOf(description, Plain("integer"), Kind(null, "size_text"));

    /// <summary>One of a fixed set of words; a word that is a number (<c>acks: 1</c>) may be written plain or quoted.</summary>
    public static JsonObject Choice(string description, IEnumerable<string> choices)
    {
        var values = new JsonArray();
        foreach (var c in choices)
        {
            values.Add(c);
            if (long.TryParse(c, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long n)) values.Add(n);
        }
        return new JsonObject { ["description"] = description, ["enum"] = values };
    }

    /// <summary>A tagged distribution (<c>{dist: lognormal, median: 2ms, p99: 9ms}</c>) or a single value.</summary>
    public static JsonObject Distribution(string description, JsonObject single) => AnyOf(description, single, Kind(null, "tagged_distribution"));

    public static JsonObject AnyOf(string? description, params JsonObject[] options)
    {
        var o = new JsonObject();
        if (description is not null) o["description"] = description;
        o["anyOf"] = new JsonArray([.. options.Select(Own)]);
        return o;
    }

    /// <summary>A fragment used in a second place is copied: a JSON node has one parent.</summary>
    private static JsonNode Own(JsonNode node) => node.Parent is null ? node : node.DeepClone();

    public static JsonObject Plain(string type) => new() { ["type"] = type };

    /// <summary>
    /// A value of one of the unit kinds every schema defines once under <c>$defs</c> (<see cref="Kinds"/>):
    /// <c>duration</c>, <c>size_text</c>, <c>bandwidth</c>, <c>tagged_distribution</c>.
    /// </summary>
    public static JsonObject Kind(string? description, string kind)
    {
        var o = new JsonObject();
        if (description is not null) o["description"] = description;
        o["$ref"] = $"#/$defs/{kind}";
        return o;
    }

    /// <summary>The unit kinds, for a schema's <c>$defs</c>.</summary>
    public static IEnumerable<(string Name, JsonObject Schema)> Kinds()
    {
        yield return ("duration", StringOf("A duration with its unit: ns, us, ms, s, m (or min), h (500ms, 30s, 2m).", DurationPattern));
        yield return ("size_text", StringOf("A size with its unit: B, KB, MB, GB, TB, KiB, MiB, GiB, TiB (16KiB, 1MiB).", SizePattern));
        yield return ("bandwidth", StringOf("A bandwidth with its unit: bps, Kbps, Mbps, Gbps, Tbps, B/s, KB/s, MB/s, GB/s, KiB/s, MiB/s, GiB/s (10Gbps, 125MB/s).", BandwidthPattern));
        var families = new JsonArray();
        foreach (var f in DistributionSpec.FamilyNames.Order(StringComparer.Ordinal)) families.Add(f);
        yield return ("tagged_distribution", new JsonObject
        {
            ["description"] = "A distribution: dist names the family, the other keys its parameters ({dist: lognormal, median: 2ms, p99: 9ms}).",
            ["type"] = "object",
            ["required"] = new JsonArray("dist"),
            ["properties"] = new JsonObject { ["dist"] = new JsonObject { ["enum"] = families } },
        });
    }

    private static JsonObject StringOf(string description, string pattern) =>
        new() { ["description"] = description, ["type"] = "string", ["pattern"] = pattern };

    private static JsonArray Types(params string[] types) => new([.. types.Select(t => (JsonNode)t)]);
}
