using Sim.Core.Distributions;
using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary>
/// One fault's declaration as its kind reads it: the common fields (key, start, duration, cluster), the
/// deployment's names, and typed readers for the kind's own fields. The experiment loader implements it
/// over YAML, so a fault kind reads its fields and reports problems at their keys without the model
/// reading YAML.
/// </summary>
public abstract class FaultFields(string key, SimTime at, SimDuration? duration, string? cluster, FaultNames names)
{
    /// <summary>Where the fault was declared (<c>faults.0</c>).</summary>
    public string Key => key;

    public SimTime At => at;

    public SimDuration? Duration => duration;

    /// <summary>The cluster the fault names (null: none named).</summary>
    public string? DeclaredCluster => cluster;

    /// <summary>The cluster broker, controller and partition roles refer to: the named one or the deployment's first.</summary>
    public string? Cluster => cluster ?? names.DefaultCluster;

    public FaultNames Names => names;

    /// <summary>Whether the declaration writes <paramref name="field"/>.</summary>
    public abstract bool Has(string field);

    /// <summary>The names and roles a target field lists (null: not written).</summary>
    public abstract IReadOnlyList<string>? Parts(string field);

    public abstract SimDuration? Span(string field);

    public abstract bool? Flag(string field);

    /// <summary>A number from 0 to 1.</summary>
    public abstract double? Fraction(string field);

    public abstract DistributionSpec? Distribution(string field);

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public abstract int? Integer(string field, int min, int max);

    /// <summary>A byte count (<c>10MiB</c> or a number), at least 1.</summary>
    public abstract long? Bytes(string field);

    /// <summary>
    /// The keys written under a mapping field, in file order (null: not written or not a mapping); read a
    /// key's value with the other readers as <c>FIELD/KEY</c> (<c>config/min.insync.replicas</c>).
    /// </summary>
    public abstract IReadOnlyList<string>? Keys(string field);

    /// <summary>One of a fixed set of words.</summary>
    public abstract string? Choice(string field, params string[] choices);

    /// <summary>Reports a problem at <c>Key.field</c> (or at the fault itself when <paramref name="field"/> is empty).</summary>
    public abstract void Error(string field, string message);

    /// <summary>Reads every part of a target field; reports each bad part at the field (null: missing or a bad part).</summary>
    public Targets<T>? Each<T>(string field, Func<string, Parsed<T>> parse) where T : class
    {
        var parts = Parts(field);
        if (parts is null) return null;
        if (parts.Count == 0) { Error(field, "a fault needs a target"); return null; }
        var read = new List<T>();
        bool ok = true;
        foreach (var part in parts)
        {
            var p = parse(part);
            if (p.Value is { } v) read.Add(v);
            else { Error(field, p.Problem!); ok = false; }
        }
        return ok ? new Targets<T>(read) : null;
    }

    /// <summary>Reads a target field that names one thing.</summary>
    public T? One<T>(string field, Func<string, Parsed<T>> parse) where T : class
    {
        var all = Each(field, parse);
        if (all is null) return null;
        if (all.Count == 1) return all[0];
        Error(field, $"this kind of fault takes one target, not {all.Count}");
        return null;
    }

    /// <summary>How a broker goes down (<c>mode</c>: hard, process or clean; hard when not written).</summary>
    public CrashMode Mode() => Choice("mode", "hard", "process", "clean") switch
    {
        "process" => CrashMode.Process,
        "clean" => CrashMode.Clean,
        _ => CrashMode.Hard,
    };
}
