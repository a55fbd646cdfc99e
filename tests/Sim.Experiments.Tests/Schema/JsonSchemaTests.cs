using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Sim.Experiments.Models;
using Sim.Experiments.Schema;
using Sim.Experiments.Tests.Support;

namespace Sim.Experiments.Tests.Schema;

/// <summary>
/// The JSON Schemas under docs/schema are what <c>sim schema</c> generates from the key tables, every
/// shipped model and experiment file names its schema on its first line and passes it, and the schemas
/// refuse what the loader refuses: an unknown key, a value of the wrong kind.
/// </summary>
public sealed class JsonSchemaTests
{
    private static readonly Lazy<JsonSchema> Model = new(() => Load(JsonSchemas.ModelFile));
    private static readonly Lazy<JsonSchema> Experiment = new(() => Load(JsonSchemas.ExperimentFile));

    [Fact]
    public void ShippedSchemas_AreWhatTheGeneratorWrites()
    {
        // Regenerate with: sim schema --out docs/schema (after adding or changing a key).
        foreach (var (file, json) in JsonSchemas.All())
        {
            var shipped = File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "schema", file)).ReplaceLineEndings("\n");
            Assert.True(shipped == json, $"docs/schema/{file} differs from what 'sim schema --out docs/schema' writes; run it and commit the result");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ShippedFile_NamesItsSchemaOnTheFirstLine(string file)
    {
        var text = ShippedFiles.Read(file);
        string schema = ModelLoader.IsModel(text) ? JsonSchemas.ModelFile : JsonSchemas.ExperimentFile;
        string relative = Path.GetRelativePath(Path.GetDirectoryName(Path.Combine(RepoRoot.Path, file))!, Path.Combine(RepoRoot.Path, "docs", "schema", schema)).Replace('\\', '/');
        Assert.Equal($"# yaml-language-server: $schema={relative}", text.ReplaceLineEndings("\n").Split('\n')[0]);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ShippedFile_PassesItsSchema(string file)
    {
        var text = ShippedFiles.Read(file);
        var schema = ModelLoader.IsModel(text) ? Model.Value : Experiment.Value;
        var problems = Problems(schema, text);
        Assert.True(problems.Count == 0, $"{file}:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void ExperimentSchema_RefusesAnUnknownKeyInAClosedBlock()
    {
        var text = ShippedFiles.Read("experiments/workshop/acks1-loss.yaml").Replace("acks: 1", "acks: 1, linger.msec: 5");
        Assert.NotEqual(ShippedFiles.Read("experiments/workshop/acks1-loss.yaml"), text);
        Assert.Contains(Problems(Experiment.Value, text), p => p.StartsWith("/workload/producers/0/config/linger.msec ", StringComparison.Ordinal));
        Assert.NotEmpty(Problems(Experiment.Value, "model: m.yaml\nduration: 1m\narchitectures: {stretch: {sites: [a, b]}}\ntopics: {t: {}}\nreplication: 3\n"));
        Assert.Empty(Problems(Experiment.Value, "model: m.yaml\nduration: 1m\narchitectures: {stretch: {sites: [a, b]}}\ntopics: {t: {}}\nreplications: 3\n"));
    }

    [Theory]
    [InlineData("architectures: {s: {template: stretch, sites: [a, b], broker: {unclean.leader.election.enable: maybe}}}")]
    [InlineData("architectures: {s: {template: stretch, sites: [a, b], broker: {replica.lag.time.max.ms: 30 seconds}}}")]
    [InlineData("architectures: {s: {template: stretch, sites: [a, b], broker: {security.protocol: TLS}}}")]
    [InlineData("architectures: {s: {template: strech, sites: [a, b]}}")]
    [InlineData("architectures: {s: {template: stretch, sites: [a, b], brokers_per_site: three}}")]
    [InlineData("architectures: {s: {template: stretch, sites: [a, b]}}\nwarmup: 10")]
    [InlineData("architectures: {s: {template: stretch, sites: [a, b]}}\nworkload: {producers: [{zone: a, topic: t, rate: 5/s, config: {acks: 2}}]}")]
    [InlineData("architectures: {s: {template: stretch, sites: [a, b]}}\nworkload: {producers: [{zone: a, topic: t, rate: 5/s, config: {batch.size: 16 kilobytes}}]}")]
    [InlineData("architectures: {s: {template: stretch, sites: [a, b]}}\nfaults: [{at: 10s, kind: site-outrage, target: a}]")]
    [InlineData("architectures: {s: {template: stretch, sites: [a, b], cluster: {brokers: 3}}}")]
    [InlineData("architectures: {stretch: {sites: [a, b], failover: {dns.ttl: 5s}}}")]
    [InlineData("architectures: {mine: {sites: [a, b]}}")]
    public void ExperimentSchema_RefusesAValueOfTheWrongKindOrAKeyItsTemplateLacks(string body)
    {
        const string head = "model: m.yaml\nduration: 1m\ntopics: {t: {partitions: 3}}\n";
        Assert.NotEmpty(Problems(Experiment.Value, head + body));
        Assert.Empty(Problems(Experiment.Value, head + "architectures: {s: {template: stretch, sites: [a, b], broker: {replica.lag.time.max.ms: 30s, security.protocol: SSL}}}"));
        Assert.Empty(Problems(Experiment.Value, head + "architectures: {active-active: {sites: [a, b], cluster: {brokers: 3}, failover: {dns.ttl: 5s}}}"));
    }

    [Fact]
    public void ModelSchema_RefusesAnUnknownKeyAndABadUnit()
    {
        const string ok = "regions: {r: {zones: {a: {racks: [a1]}, b: {}}}}\nlinks: {a/b: {rtt: 2ms, bandwidth: 10Gbps}}\n";
        Assert.Empty(Problems(Model.Value, ok));
        Assert.NotEmpty(Problems(Model.Value, ok.Replace("rtt: 2ms", "latency: 2ms")));
        Assert.NotEmpty(Problems(Model.Value, ok.Replace("10Gbps", "10 gigabits")));
        Assert.NotEmpty(Problems(Model.Value, ok + "site: a\n"));
    }

    public static TheoryData<string> Files() => ShippedFiles.All();

    private static JsonSchema Load(string file) =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "schema", file)), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    /// <summary>Every failed keyword of the YAML text checked against <paramref name="schema"/>, as "location: message".</summary>
    private static List<string> Problems(JsonSchema schema, string yaml)
    {
        var json = JsonSerializer.SerializeToElement(YamlJson.Of(yaml));
        var result = schema.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        var problems = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}")).ToList();
        // Branches of an anyOf fail whenever another branch is the one that holds; they are shown only when nothing else explains the failure.
        var outside = problems.Where(p => !p.Contains("/anyOf/", StringComparison.Ordinal)).ToList();
        return outside.Count > 0 ? outside : problems.Count > 0 ? problems : [$"{result.InstanceLocation}: invalid"];
    }
}
