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
    private YamlNode? Node(string field) => d.Fields.FirstOrDefault(f => f.Key == field).Value;

    private string KeyOf(string field) => field.Length == 0 ? d.Key : $"{d.Key}.{field}";

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
