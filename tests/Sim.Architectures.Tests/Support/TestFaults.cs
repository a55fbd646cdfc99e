using Sim.Architectures.Faults;
using Sim.Architectures.Templates;
using Sim.Core.Distributions;
using Sim.Core.Time;

namespace Sim.Architectures.Tests.Support;

/// <summary>
/// Reads a fault through its kind's reader (<see cref="FaultKinds"/>), as the experiment loader does, from
/// values given in code; a fault the deployment cannot have throws with every problem at its key.
/// </summary>
public static class TestFaults
{
    public static Fault Read(DeploymentPlan plan, string kind, double atS, double? forS, string target, params (string Field, object Value)[] fields)
    {
        var values = fields.ToDictionary(f => f.Field, f => f.Value);
        values["target"] = target;
        var f = new Fields("faults[0]", SimTime.FromSeconds(atS), forS is { } d ? SimDuration.FromSeconds(d) : null, new FaultNames(plan), values);
        var fault = FaultKinds.Find(kind)!.Read(f);
        if (f.Errors.Count > 0 || fault is null) throw new ArgumentException(string.Join("; ", f.Errors));
        return fault;
    }

    private sealed class Fields(string key, SimTime at, SimDuration? duration, FaultNames names, Dictionary<string, object> values)
        : FaultFields(key, at, duration, values.TryGetValue("cluster", out var c) ? (string)c : null, names)
    {
        public List<string> Errors { get; } = [];

        private T? Get<T>(string field) where T : class => values.TryGetValue(field, out var v) ? (T)v : null;

        private T? Value<T>(string field) where T : struct => values.TryGetValue(field, out var v) ? (T)v : null;

        public override bool Has(string field) => values.ContainsKey(field);

        public override IReadOnlyList<string>? Parts(string field) => Get<string>(field)?.Split(',');

        public override SimDuration? Span(string field) => Value<SimDuration>(field);

        public override bool? Flag(string field) => Value<bool>(field);

        public override double? Fraction(string field) => Value<double>(field);

        public override DistributionSpec? Distribution(string field) => Get<DistributionSpec>(field);

        public override string? Choice(string field, params string[] choices) => Get<string>(field);

        public override int? Integer(string field, int min, int max) => Value<int>(field);

        public override long? Bytes(string field) => Value<long>(field);

        /// <summary>Keys of a mapping field, written as <c>FIELD/KEY</c> entries.</summary>
        public override IReadOnlyList<string>? Keys(string field)
        {
            var keys = values.Keys.Where(k => k.StartsWith(field + "/", StringComparison.Ordinal)).Select(k => k[(field.Length + 1)..]).ToList();
            return keys.Count == 0 ? null : keys;
        }

        public override void Error(string field, string message) => Errors.Add($"{(field.Length == 0 ? Key : Key + "." + field)}: {message}");
    }
}
