using System.Globalization;
using Sim.Architectures.Faults;
using Sim.Architectures.Templates;
using Sim.Core.Time;
using Sim.Core.Validation;
using Sim.Experiments.Text;
using Sim.Experiments.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Spec;

/// <summary>A scheduled fault as written, before its kind reads it against the deployment.</summary>
internal sealed record FaultDeclaration(string Key, FaultKindInfo Kind, SimTime At, SimDuration? Duration, IReadOnlyList<(string Key, YamlNode Value)> Fields);

/// <summary>The <c>faults</c> section as written: scheduled declarations and stochastic faults.</summary>
internal sealed record FaultDeclarations(IReadOnlyList<FaultDeclaration> Scheduled, IReadOnlyList<StochasticFaults> Stochastic)
{
    public static readonly FaultDeclarations None = new([], []);
}

/// <summary>
/// The <c>faults</c> section: either a list of scheduled faults, or a mapping with <c>scheduled</c> and
/// <c>stochastic</c> lists. <see cref="Read"/> reads what every fault has (kind, start, duration);
/// once the deployment is built, <see cref="Bind"/> has each fault's kind (<see cref="FaultKinds"/>) read
/// its own fields and targets, checked against the deployment, so a bad name fails before the run.
/// </summary>
internal static class FaultSection
{
    internal static readonly string[] PlanKeys = ["scheduled", "stochastic"];
    internal static readonly string[] StochasticKeys = ["class", "mtbf", "mttr", "mode"];

    public static FaultDeclarations Read(YamlReader r, YamlNode node)
    {
        if (node is YamlSequenceNode) return new(Scheduled(r, node, "faults"), []);
        var scheduled = new List<FaultDeclaration>();
        var stochastic = new List<StochasticFaults>();
        foreach (var (k, v) in r.Mapping(node, "faults", PlanKeys) ?? [])
        {
            if (k == "scheduled") scheduled.AddRange(Scheduled(r, v, "faults.scheduled"));
            else stochastic.AddRange(Stochastic(r, v, "faults.stochastic"));
        }
        return new(scheduled, stochastic);
    }

    /// <summary>Has each scheduled fault's kind read it against <paramref name="plan"/>; errors go to <paramref name="r"/>.</summary>
    public static FaultPlan Bind(YamlReader r, FaultDeclarations declarations, DeploymentPlan plan)
    {
        var names = new FaultNames(plan);
        var faults = new List<Fault>();
        foreach (var d in declarations.Scheduled)
        {
            string? cluster = null;
            if (d.Fields.FirstOrDefault(f => f.Key == "cluster").Value is { } cv)
            {
                cluster = r.Scalar(cv, $"{d.Key}.cluster");
                if (cluster is null) continue;
                if (!names.Clusters.Contains(cluster))
                {
                    r.ErrorAt($"{d.Key}.cluster", $"no cluster named '{cluster}' (clusters: {string.Join(", ", names.Clusters)})");
                    continue;
                }
            }
            var trigger = ConditionSection.Read(r, d, names, cluster ?? names.DefaultCluster);
            var fields = new YamlFaultFields(r, d, cluster, names);
            if (d.Kind.Read(fields) is { } fault) faults.Add(fault with { Key = d.Key, When = trigger });
        }
        return new FaultPlan(faults) { Stochastic = declarations.Stochastic };
    }

    /// <summary>
    /// A stochastic class draws about duration / mtbf failures per component; past <c>limits.fault_windows</c>
    /// the plan is refused before any run, instead of drawing millions of windows.
    /// </summary>
    public static void CheckWindows(YamlReader r, FaultDeclarations declared, SimDuration duration, RunLimits limits)
    {
        foreach (var s in declared.Stochastic)
        {
            double windows = duration.TotalSeconds / s.Mtbf.TotalSeconds;
            if (windows <= limits.FaultWindows) continue;
            r.ErrorAt($"{s.Key}.mtbf", $"an mtbf of {s.Mtbf} over a {duration} run is about {windows:G4} failures per component, more than limits.fault_windows ({limits.FaultWindows}): " +
                                      "use a longer mtbf, or raise it with --set limits.fault_windows=N");
        }
    }

    private static List<FaultDeclaration> Scheduled(YamlReader r, YamlNode node, string key)
    {
        var faults = new List<FaultDeclaration>();
        var items = r.Sequence(node, key) ?? [];
        for (int i = 0; i < items.Count; i++)
        {
            string fk = $"{key}.{i.ToString(CultureInfo.InvariantCulture)}";
            if (One(r, items[i], fk) is { } f) faults.Add(f);
        }
        return faults;
    }

    private static FaultDeclaration? One(YamlReader r, YamlNode node, string fk)
    {
        var fields = r.Mapping(node, fk, FaultKinds.AllFields) ?? [];
        SimDuration? at = null, duration = null;
        FaultKindInfo? kind = null;
        var kinds = FaultKinds.All.Select(k => k.Name).ToList();
        foreach (var (k, v) in fields)
        {
            string key = $"{fk}.{k}";
            switch (k)
            {
                case "at": at = Values.Duration(r, v, key, allowZero: true); break;
                case "duration":
                    duration = r.Duration(v, key);
                    if (duration is { } d && d.Nanoseconds <= 0) r.ErrorAt(key, "a fault's duration must be positive (leave it out for a fault that lasts to the end)");
                    break;
                case "kind":
                    var name = r.Scalar(v, key);
                    kind = name is null ? null : FaultKinds.Find(name);
                    if (name is not null && kind is null) r.Error(key, v, $"unknown fault kind '{name}'", NameSuggester.Hint(name, kinds) + $"; kinds: {string.Join(", ", kinds)}");
                    break;
            }
        }
        if (kind is null && !fields.Any(f => f.Key == "kind")) r.ErrorAt($"{fk}.kind", $"a fault needs a 'kind' ({string.Join(", ", kinds)})");
        // A fault that waits for a condition starts watching at 'at', from the beginning when it writes none.
        bool conditional = fields.Any(f => f.Key == "when");
        if (at is null && conditional && !fields.Any(f => f.Key == "at")) at = SimDuration.Zero;
        if (at is null && !fields.Any(f => f.Key == "at")) r.ErrorAt($"{fk}.at", "a fault needs the time it starts ('at: 5m') or a condition ('when:')");
        if (!fields.Any(f => f.Key == "target")) r.ErrorAt($"{fk}.target", "a fault needs a 'target'");
        if (kind is null || at is null || !fields.Any(f => f.Key == "target")) return null;
        return new FaultDeclaration(fk, kind, SimTime.Zero + at.Value, duration, fields);
    }

    private static List<StochasticFaults> Stochastic(YamlReader r, YamlNode node, string key)
    {
        var result = new List<StochasticFaults>();
        var items = r.Sequence(node, key) ?? [];
        for (int i = 0; i < items.Count; i++)
        {
            string sk = $"{key}.{i.ToString(CultureInfo.InvariantCulture)}";
            StochasticClass? cls = null;
            SimDuration? mtbf = null;
            Sim.Core.Distributions.DistributionSpec? mttr = null;
            var mode = CrashMode.Hard;
            var fields = r.Mapping(items[i], sk, StochasticKeys) ?? [];
            foreach (var (k, v) in fields)
            {
                string fk = $"{sk}.{k}";
                switch (k)
                {
                    case "class": cls = Class(r, v, fk); break;
                    case "mtbf":
                        mtbf = r.Duration(v, fk);
                        if (mtbf is { } m && m.Nanoseconds <= 0) r.ErrorAt(fk, "mtbf must be positive");
                        break;
                    case "mttr": mttr = r.Distribution(v, fk, Sim.Core.QuantityKind.Duration); break;
                    default: mode = Values.Choice(r, v, fk, "hard", "process", "clean") switch { "process" => CrashMode.Process, "clean" => CrashMode.Clean, _ => CrashMode.Hard }; break;
                }
            }
            bool written(string k) => fields.Any(f => f.Key == k);
            if (!written("class") || !written("mtbf") || !written("mttr")) { r.ErrorAt(sk, "a stochastic fault needs 'class', 'mtbf' and 'mttr'"); continue; }
            if (cls is null || mtbf is null || mttr is null) continue;
            result.Add(new StochasticFaults(cls, mtbf.Value, mttr) { Mode = mode, Key = sk });
        }
        return result;
    }

    /// <summary>A component class; an unknown one is an error at its key, with the nearest class.</summary>
    private static StochasticClass? Class(YamlReader r, YamlNode v, string key)
    {
        var name = r.Scalar(v, key);
        if (name is null) return null;
        if (StochasticClass.Find(name) is { } cls) return cls;
        r.Error(key, v, $"unknown value '{name}'", NameSuggester.Hint(name, StochasticClass.All.Select(c => c.Name)));
        return null;
    }
}
