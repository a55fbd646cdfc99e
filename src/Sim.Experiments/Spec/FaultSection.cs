using System.Globalization;
using Sim.Architectures.Faults;
using Sim.Core;
using Sim.Core.Time;
using Sim.Experiments.Yaml;
using Sim.Network.Faults;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Spec;

/// <summary>
/// The <c>faults</c> section: either a list of scheduled faults, or a mapping with <c>scheduled</c> and
/// <c>stochastic</c> lists. Targets are checked against the deployment once it is built
/// (<see cref="FaultValidation"/>), so a fault on a missing target fails before the run.
/// </summary>
internal static class FaultSection
{
    private static readonly string[] PlanKeys = ["scheduled", "stochastic"];
    private static readonly string[] FaultKeys =
        ["at", "kind", "target", "duration", "cluster", "mode", "scope", "to", "one_way", "delay", "jitter", "loss", "bandwidth_factor", "latency", "offset"];
    private static readonly string[] StochasticKeys = ["class", "mtbf", "mttr", "mode"];

    public static FaultPlan Read(YamlReader r, YamlNode node)
    {
        if (node is YamlSequenceNode) return new FaultPlan(Scheduled(r, node, "faults"));
        var scheduled = new List<FaultSpec>();
        var stochastic = new List<StochasticFaults>();
        foreach (var (k, v) in r.Mapping(node, "faults", PlanKeys) ?? [])
        {
            if (k == "scheduled") scheduled.AddRange(Scheduled(r, v, "faults.scheduled"));
            else stochastic.AddRange(Stochastic(r, v, "faults.stochastic"));
        }
        return new FaultPlan(scheduled) { Stochastic = stochastic };
    }

    private static List<FaultSpec> Scheduled(YamlReader r, YamlNode node, string key)
    {
        var faults = new List<FaultSpec>();
        var items = r.Sequence(node, key) ?? [];
        for (int i = 0; i < items.Count; i++)
        {
            string fk = $"{key}.{i.ToString(CultureInfo.InvariantCulture)}";
            if (One(r, items[i], fk) is { } f) faults.Add(f);
        }
        return faults;
    }

    private static FaultSpec? One(YamlReader r, YamlNode node, string fk)
    {
        var fields = r.Mapping(node, fk, FaultKeys) ?? [];
        SimDuration? at = null, duration = null, delay = null;
        FaultKind? kind = null;
        string? target = null;
        var spec = new FaultSpec(FaultKind.BrokerCrash, SimTime.Zero, null, new FaultTarget("")) { Key = fk };
        Sim.Core.Distributions.DistributionSpec? jitter = null;
        double? loss = null, bandwidth = null;
        foreach (var (k, v) in fields)
        {
            string key = $"{fk}.{k}";
            switch (k)
            {
                case "at": at = r.Duration(v, key); break;
                case "duration": duration = r.Duration(v, key); break;
                case "kind":
                    var name = r.Scalar(v, key);
                    if (name is not null && FaultPlan.KindNames.TryGetValue(name, out var fkind)) kind = fkind;
                    else if (name is not null) r.Error(key, v, $"unknown fault kind '{name}'", Sim.Core.Validation.NameSuggester.Hint(name, FaultPlan.KindNames.Keys) + $"; kinds: {string.Join(", ", FaultPlan.KindNames.Keys)}");
                    break;
                case "target": target = Names(r, v, key); break;
                case "cluster": spec = spec with { Cluster = r.Scalar(v, key) }; break;
                case "mode":
                    var mode = Values.Choice(r, v, key, "hard", "process", "clean");
                    spec = spec with { Mode = mode switch { "process" => CrashMode.Process, "clean" => CrashMode.Clean, _ => CrashMode.Hard } };
                    break;
                case "scope": spec = spec with { Scope = Values.Choice(r, v, key, "all", "kafka") == "kafka" ? OutageScope.Kafka : OutageScope.All }; break;
                case "to": spec = spec with { Peer = Names(r, v, key) is { } p ? new FaultTarget(p) : null }; break;
                case "one_way": spec = spec with { OneWay = Values.Bool(r, v, key) ?? false }; break;
                case "delay": delay = r.Duration(v, key); break;
                case "jitter": jitter = r.Distribution(v, key, QuantityKind.Duration); break;
                case "loss": loss = Values.Fraction(r, v, key); break;
                case "bandwidth_factor": bandwidth = Values.Fraction(r, v, key); break;
                case "latency": spec = spec with { DiskLatency = r.Duration(v, key) ?? SimDuration.Zero }; break;
                case "offset": spec = spec with { ClockOffset = r.Duration(v, key) ?? SimDuration.Zero }; break;
            }
        }
        if (kind is null && !fields.Any(f => f.Key == "kind")) r.ErrorAt($"{fk}.kind", $"a fault needs a 'kind' ({string.Join(", ", FaultPlan.KindNames.Keys)})");
        if (at is null && !fields.Any(f => f.Key == "at")) r.ErrorAt($"{fk}.at", "a fault needs the time it starts ('at: 5m')");
        if (target is null && !fields.Any(f => f.Key == "target")) r.ErrorAt($"{fk}.target", "a fault needs a 'target'");
        if (kind is null || at is null || target is null) return null;
        if (delay is not null || jitter is not null || loss is not null || bandwidth is not null)
            spec = spec with { Degradation = new LinkDegradation(delay ?? SimDuration.Zero, jitter, loss ?? 0, bandwidth ?? 1) };
        return spec with { Kind = kind.Value, At = SimTime.Zero + at.Value, Duration = duration, Target = new FaultTarget(target) };
    }

    private static List<StochasticFaults> Stochastic(YamlReader r, YamlNode node, string key)
    {
        var result = new List<StochasticFaults>();
        var items = r.Sequence(node, key) ?? [];
        for (int i = 0; i < items.Count; i++)
        {
            string sk = $"{key}.{i.ToString(CultureInfo.InvariantCulture)}";
            string? cls = null;
            SimDuration? mtbf = null;
            Sim.Core.Distributions.DistributionSpec? mttr = null;
            var mode = CrashMode.Hard;
            foreach (var (k, v) in r.Mapping(items[i], sk, StochasticKeys) ?? [])
            {
                string fk = $"{sk}.{k}";
                switch (k)
                {
                    case "class": cls = Values.Choice(r, v, fk, [.. StochasticFaults.Classes]); break;
                    case "mtbf": mtbf = r.Duration(v, fk); break;
                    case "mttr": mttr = r.Distribution(v, fk, QuantityKind.Duration); break;
                    default: mode = Values.Choice(r, v, fk, "hard", "process", "clean") switch { "process" => CrashMode.Process, "clean" => CrashMode.Clean, _ => CrashMode.Hard }; break;
                }
            }
            if (cls is null || mtbf is null || mttr is null) { r.ErrorAt(sk, "a stochastic fault needs 'class', 'mtbf' and 'mttr'"); continue; }
            result.Add(new StochasticFaults(cls, mtbf.Value, mttr) { Mode = mode, Key = sk });
        }
        return result;
    }

    /// <summary>A target: one name or role, or a list of them (kept as Kafka-style comma-separated text).</summary>
    private static string? Names(YamlReader r, YamlNode v, string key)
    {
        var names = Values.Names(r, v, key);
        return names.Count == 0 ? null : string.Join(",", names);
    }
}
