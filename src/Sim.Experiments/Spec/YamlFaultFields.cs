using Sim.Architectures.Faults;
using Sim.Core.Distributions;
using Sim.Core.Time;
using Sim.Experiments.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Spec;

/// <summary>A fault declaration's fields read from YAML, for its kind to read; problems are reported at their keys.</summary>
internal sealed class YamlFaultFields(YamlReader r, FaultDeclaration d, string? cluster, FaultNames names)
    : FaultFields(d.Key, d.At, d.Duration, cluster, names)
{
    /// <summary>A field, or with <c>FIELD/KEY</c> a key of a mapping field.</summary>
    private YamlNode? Node(string field)
    {
        int slash = field.IndexOf('/');
        if (slash < 0) return d.Fields.FirstOrDefault(f => f.Key == field).Value;
        if (Node(field[..slash]) is not YamlMappingNode map) return null;
        string key = field[(slash + 1)..];
        return map.Children.FirstOrDefault(c => c.Key is YamlScalarNode k && k.Value == key).Value;
    }

    private string KeyOf(string field) => field.Length == 0 ? d.Key : $"{d.Key}.{field.Replace('/', '.')}";

    public override int? Integer(string field, int min, int max) => Node(field) is { } v ? Values.Int(r, v, KeyOf(field), min, max) : null;

    public override long? Bytes(string field) => Node(field) is { } v ? Values.Bytes(r, v, KeyOf(field), 1) : null;

    public override IReadOnlyList<string>? Keys(string field)
    {
        if (Node(field) is not { } v) return null;
        if (v is not YamlMappingNode map) { r.ErrorAt(KeyOf(field), "expected a mapping of config keys to values"); return null; }
        return map.Children.Select(c => (c.Key as YamlScalarNode)?.Value ?? "").ToList();
    }

    public override bool Has(string field) => Node(field) is not null;

    public override IReadOnlyList<string>? Parts(string field) => Node(field) is { } v ? Values.Names(r, v, KeyOf(field)) : null;

    /// <summary>A fault's spans (a delay, a disk latency) cannot be negative; a clock's offset is the one span that may be.</summary>
    public override SimDuration? Span(string field) =>
        Node(field) is not { } v ? null : field == "offset" ? r.Duration(v, KeyOf(field)) : Values.Duration(r, v, KeyOf(field), allowZero: true);

    public override bool? Flag(string field) => Node(field) is { } v ? Values.Bool(r, v, KeyOf(field)) : null;

    public override double? Fraction(string field) => Node(field) is { } v ? Values.Fraction(r, v, KeyOf(field)) : null;

    public override DistributionSpec? Distribution(string field) =>
        Node(field) is { } v ? r.Distribution(v, KeyOf(field), Sim.Core.QuantityKind.Duration) : null;

    public override string? Choice(string field, params string[] choices) => Node(field) is { } v ? Values.Choice(r, v, KeyOf(field), choices) : null;

    public override void Error(string field, string message) => r.ErrorAt(KeyOf(field), message);
}
