using System.Reflection;
using System.Text.RegularExpressions;
using Sim.Experiments.Spec;
using Sim.Experiments.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sim.Conventions.Tests;

/// <summary>
/// Every configuration key the loader accepts must change something the model reads: applying the key with a
/// non-default value changes the options record it fills, and the property it changes is read (as
/// <c>.Property</c>) somewhere in the model projects, outside the loader. A key that changes nothing, or only a
/// property no model code reads, is a setting that silently does nothing; the test names it.
/// </summary>
public class ConfigKeyUseTests
{
    /// <summary>Values tried in turn until one is accepted and changes the record.</summary>
    private static readonly string[] Candidates =
    [
        "7", "3", "true", "false", "2", "1", "0", "all", "17s", "250ms", "3m", "4MiB", "0.5", "read_committed", "latest", "none", "earliest",
        "dns", "checkpoint", "timestamp", "lognormal { median: 3s, p99: 9s }", "\"a.*\"", "[a]", "custom", "identity", "bootstrap", "range",
        "[[1, 2]]", "roundrobin", "cooperative-sticky", "sticky", "uniform", "zstd", "lz4", "gzip", "snappy", "1000", "900000",
        "operator", "reconfigure", "synced-offsets", "auto.offset.reset", "RackAwareReplicaSelector", "IdentityReplicationPolicy", "SSL",
        "{replicas: [{count: 1, constraints: {rack: a}}]}", "0.8.1", "at-operation",
    ];

    [Fact]
    public void EveryAcceptedKey_ChangesAValueTheModelReads()
    {
        var sources = ModelSources();
        var problems = new List<string>();
        var tables = typeof(ExperimentLoader).Assembly.GetType("Sim.Experiments.Spec.ConfigKeys", throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition().Name.StartsWith("KeyTable", StringComparison.Ordinal));
        foreach (var field in tables.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var table = field.GetValue(null)!;
            var type = field.FieldType.GetGenericArguments()[0];
            var keys = (IEnumerable<string>)field.FieldType.GetProperty("Keys")!.GetValue(table)!;
            var apply = field.FieldType.GetMethod("Apply")!;
            foreach (var key in keys)
            {
                var changed = ChangedProperties(table, apply, type, key);
                if (changed is null) { problems.Add($"{field.Name}: {key} changes nothing with any of the candidate values"); continue; }
                var unread = changed.Where(p => !Regex.IsMatch(sources, $@"\.{p}\b")).ToList();
                if (unread.Count == changed.Count) problems.Add($"{field.Name}: {key} sets {string.Join(", ", changed)}, which no model code reads");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static List<string>? ChangedProperties(object table, MethodInfo apply, Type type, string key)
    {
        var def = Default(type);
        foreach (var candidate in Candidates)
        {
            var r = YamlReader.Parse("key.yaml", $"\"{key}\": {candidate}\n", out var root);
            if (r.HasErrors || root is null) continue;
            object after;
            try { after = apply.Invoke(table, [r, root, "", def, null])!; }
            catch (TargetInvocationException) { continue; }
            if (r.HasErrors || Equals(after, def)) continue;
            return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0 && !Same(p.GetValue(def), p.GetValue(after)))
                .Select(p => p.Name).ToList();
        }
        return null;
    }

    private static bool Same(object? a, object? b) => Equals(a, b) || (a is not null && b is not null && a.ToString() == b.ToString() && a is not System.Collections.IEnumerable);

    private static object Default(Type type)
    {
        var parameterless = type.GetConstructor(Type.EmptyTypes);
        if (parameterless is not null) return parameterless.Invoke(null);
        var ctor = type.GetConstructors().OrderBy(c => c.GetParameters().Length).First();
        return ctor.Invoke(ctor.GetParameters().Select(p => p.ParameterType == typeof(string) ? (object)"x" : p.ParameterType == typeof(int) ? 1 : null).ToArray());
    }

    /// <summary>The model projects' source (everything under src but the loader, the CLI and the plots), as one text.</summary>
    private static string ModelSources()
    {
        var root = AppContext.BaseDirectory;
        var dir = new DirectoryInfo(root);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Simulator.sln"))) dir = dir.Parent;
        var src = Path.Combine(dir!.FullName, "src");
        string[] model = ["Sim.Core", "Sim.Network", "Sim.Kafka", "Sim.MirrorMaker", "Sim.Architectures"];
        return string.Join("\n", model.SelectMany(p => Directory.EnumerateFiles(Path.Combine(src, p), "*.cs", SearchOption.AllDirectories))
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(d => d is "obj" or "bin"))
            .Order(StringComparer.Ordinal).Select(File.ReadAllText));
    }
}
