using System.Text.Json.Nodes;
using Sim.Experiments.Spec;
using Sim.Experiments.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Schema;

/// <summary>
/// Derives the schema of each key of a <see cref="KeyTable{T}"/> from the key's own reader: every key is
/// read from a handful of sample values (a boolean, whole and fractional numbers, a duration, a size, a
/// distribution, a word, a list) and the schema accepts the forms the reader accepted. A key added to the
/// table gets its schema without a line here, and the schema cannot call a form valid that the loader's
/// reader refused. A key whose reader takes a fixed set of words offers them (<see cref="YamlReader.OfferedChoices"/>)
/// and becomes an enum.
/// </summary>
internal static class KeyProbe
{
    private enum Form { Boolean, Whole, Fraction, Duration, Size, Distribution, Word, List }

    private static readonly (Form Form, string Yaml)[] Samples =
    [
        (Form.Boolean, "true"), (Form.Whole, "7"), (Form.Fraction, "0.5"), (Form.Duration, "30s"), (Form.Size, "1MiB"),
        (Form.Distribution, "{dist: lognormal, median: 2ms, p99: 9ms}"), (Form.Word, "zqxv"), (Form.List, "[range]"),
    ];

    /// <summary>A mapping of the table's keys, in the order they were added, each described as <paramref name="block"/>'s.</summary>
    public static JsonObject Block<T>(KeyTable<T> table, T defaults, string description, string block, IEnumerable<(string, JsonObject)>? extra = null) =>
        SchemaNodes.Obj(description, [.. table.InOrder.Select(k => (k, Key(table, defaults, k, block))), .. extra ?? []]);

    /// <summary>The schema of one key: the forms its reader accepts.</summary>
    public static JsonObject Key<T>(KeyTable<T> table, T defaults, string key, string block)
    {
        var (accepted, choices) = Probe(table, defaults, key);
        string description = Describe(key, block, accepted, choices);
        if (choices is not null) return SchemaNodes.Choice(description, choices);
        return Schema(description, accepted);
    }

    /// <summary>How a value of <paramref name="key"/> is written, in words (<c>sim list keys</c>).</summary>
    public static string Help<T>(KeyTable<T> table, T defaults, string key)
    {
        var (accepted, choices) = Probe(table, defaults, key);
        return FormOf(key, accepted, choices);
    }

    private static (HashSet<Form> Accepted, IReadOnlyList<string>? Choices) Probe<T>(KeyTable<T> table, T defaults, string key)
    {
        var accepted = new HashSet<Form>();
        IReadOnlyList<string>? choices = null;
        foreach (var (form, yaml) in Samples)
        {
            var r = YamlReader.Parse("probe", "v: " + yaml, out var root);
            var node = ((YamlMappingNode)root!).Children[new YamlScalarNode("v")];
            var value = defaults;
            table.TryApply(r, key, node, key, ref value);
            choices ??= r.OfferedChoices;
            if (!r.HasErrors) accepted.Add(form);
        }
        return (accepted, choices);
    }

    private static JsonObject Schema(string description, HashSet<Form> accepted)
    {
        if (accepted.Contains(Form.Word))
            return accepted.Contains(Form.List) ? SchemaNodes.AnyOf(description, SchemaNodes.Plain("string"), StringList()) : SchemaNodes.Word(description);
        var options = new List<JsonObject>();
        if (accepted.Contains(Form.Boolean)) options.Add(SchemaNodes.Plain("boolean"));
        if (accepted.Contains(Form.Fraction)) options.Add(SchemaNodes.Plain("number"));
        else if (accepted.Contains(Form.Whole)) options.Add(SchemaNodes.Plain("integer"));
        if (accepted.Contains(Form.Duration)) options.Add(SchemaNodes.Kind(null, "duration"));
        if (accepted.Contains(Form.Size)) options.Add(SchemaNodes.Kind(null, "size_text"));
        // A reader that takes a list also takes one item, or the items comma-separated (partition.assignment.strategy).
        if (accepted.Contains(Form.List)) options.AddRange([SchemaNodes.Plain("string"), StringList()]);
        if (accepted.Contains(Form.Distribution))
            return SchemaNodes.Distribution(description, options.Count == 1 ? options[0] : SchemaNodes.AnyOf(null, [.. options]));
        return options.Count switch
        {
            0 => SchemaNodes.Any(description),
            1 => WithDescription(options[0], description),
            _ => SchemaNodes.AnyOf(description, [.. options]),
        };
    }

    private static JsonObject StringList() => new() { ["type"] = "array", ["items"] = SchemaNodes.Plain("string") };

    private static JsonObject WithDescription(JsonObject o, string description)
    {
        var d = new JsonObject { ["description"] = description };
        foreach (var (k, v) in o.ToList())
        {
            o.Remove(k);
            d[k] = v;
        }
        return d;
    }

    /// <summary>What an editor shows on hover: the block the key belongs to, whether it is Kafka's, and how to write its value.</summary>
    private static string Describe(string key, string block, HashSet<Form> accepted, IReadOnlyList<string>? choices)
    {
        // A topic's created (at-start, at-operation) is the simulator's, as the sim.* keys are.
        string origin = key.StartsWith("sim.", StringComparison.Ordinal) || key == "created" ? "Simulator key (no Kafka config)" : "Kafka config";
        return $"{origin} `{key}` of {block}: {FormOf(key, accepted, choices)}. Defaults and meaning: docs/experiments.md.";
    }

    private static string FormOf(string key, HashSet<Form> accepted, IReadOnlyList<string>? choices)
    {
        // A reader that takes any word takes every sample written as text, so it is told apart first.
        return choices is not null ? $"one of {string.Join(", ", choices)}"
            : accepted.Contains(Form.Word) && accepted.Contains(Form.List) ? "a name or a list of names"
            : accepted.Contains(Form.Word) ? "a name"
            : accepted.Contains(Form.List) ? "a name, a list of names, or names separated by commas"
            : accepted.Contains(Form.Distribution) ? "a distribution ({dist: lognormal, median: 2ms, p99: 9ms}) or a single value"
            : accepted.Contains(Form.Duration) && accepted.Contains(Form.Whole) ? $"a duration: a bare number is {(key.EndsWith(".seconds", StringComparison.Ordinal) ? "seconds" : "milliseconds")}, or give a unit (5ms, 30s)"
            : accepted.Contains(Form.Duration) ? "a duration with its unit (500ms, 30s, 2m)"
            : accepted.Contains(Form.Size) ? "a size: bytes, or with a unit (16KiB, 1MiB)"
            : accepted.Contains(Form.Boolean) ? "true or false"
            : accepted.Contains(Form.Fraction) ? "a number"
            : accepted.Contains(Form.Whole) ? "a whole number"
            : "see the docs";
    }
}
