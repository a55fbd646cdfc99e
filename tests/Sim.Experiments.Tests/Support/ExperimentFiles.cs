using Sim.Architectures.Templates;
using Sim.Experiments.Spec;
using Sim.Experiments.Yaml;
using Sim.Kafka.Config;

namespace Sim.Experiments.Tests.Support;

/// <summary>
/// Loads experiment text through <see cref="ExperimentLoader"/> as if it were a file beside a small model:
/// a temporary directory holds <c>model.yaml</c> (one metro region, zones a, b, c and d, two racks each)
/// and <c>clusters.yaml</c> (a model with its own clusters), and the experiment is given the path
/// <c>experiment.yaml</c> in the same directory, so the loader resolves <c>model: model.yaml</c> the way it
/// resolves a real experiment's model. Failures are looked up by message fragment and then checked for
/// key, file and line one by one, listing every diagnostic.
/// </summary>
internal static class ExperimentFiles
{
    public const string ModelText = """
        name: four-zones
        regions:
          metro:
            zones:
              a: { racks: [a1, a2] }
              b: { racks: [b1, b2] }
              c: { racks: [c1, c2] }
              d: { racks: [d1, d2] }
        links:
          defaults: { cross-zone: metro-dc }
        """;

    /// <summary>
    /// A model that places its own clusters, for the <c>custom</c> template: <c>east</c> in zone a and
    /// <c>west</c> in zone b, each with dedicated controllers, and MirrorMaker 2 copying east into west.
    /// </summary>
    public const string ClustersModelText = """
        name: two-clusters
        regions:
          east: { zones: { a: { racks: [a1, a2] } } }
          west: { zones: { b: { racks: [b1, b2] } } }
        links:
          east/west: { preset: cross-region, rtt: 30ms }
        clusters:
          east: { brokers: { a: 3 }, controllers: { a: 3 } }
          west: { brokers: { b: 3 }, controllers: { b: 3 } }
        mirrormaker:
          mm2:
            workers: { b: 1 }
            flows:
              east->west: {}
        """;

    /// <summary>
    /// The smallest experiment that loads: a stretch cluster of one broker per site over a, b and c, one
    /// topic and one producer. Tests append sections to it or override it with <c>--set</c>.
    /// </summary>
    public const string Minimal = """
        name: spec
        model: model.yaml
        duration: 1m
        architectures:
          stretch:
            sites: [a, b, c]
            brokers_per_site: 1
        topics:
          orders: { partitions: 3, replication.factor: 3 }
        workload:
          producers:
            - { zone: a, topic: orders, rate: 100/s }
        """;

    public static string Directory { get; } = Create();

    /// <summary>The path experiments are loaded under; diagnostics about the experiment name this file.</summary>
    public static string File { get; } = Path.Combine(Directory, "experiment.yaml");

    public static ExperimentDefinition Load(string yaml, params string[] sets) => ExperimentLoader.Load(File, yaml, sets);

    /// <summary>Loads text that must fail and returns every diagnostic the loader reported.</summary>
    public static IReadOnlyList<Diagnostic> Fail(string yaml, params string[] sets)
    {
        var e = Assert.Throws<InputException>(() => ExperimentLoader.Load(File, yaml, sets));
        Assert.NotEmpty(e.Diagnostics);
        return e.Diagnostics;
    }

    /// <summary>
    /// The one diagnostic whose message contains <paramref name="fragment"/>, checked for its key and, when
    /// given, its line (in <paramref name="file"/>, the experiment unless said otherwise).
    /// </summary>
    public static Diagnostic Find(IReadOnlyList<Diagnostic> diagnostics, string fragment, string key, int? line = null, string? file = null)
    {
        var matches = diagnostics.Where(d => d.Message.Contains(fragment, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1,
            $"expected one diagnostic containing \"{fragment}\", found {matches.Count}:{Environment.NewLine}{LoadFailure.Render(diagnostics)}");
        var d = matches[0];
        Assert.True(d.Key == key, $"expected key '{key}', got '{d.Key}':{Environment.NewLine}{LoadFailure.Render(diagnostics)}");
        if (line is { } l)
        {
            string f = file ?? File;
            Assert.True(d.File == f && d.Line == l, $"expected {f}:{l}, got {d.File}:{d.Line}:{Environment.NewLine}{LoadFailure.Render(diagnostics)}");
        }
        return d;
    }

    /// <summary>Loads <paramref name="yaml"/> and returns the one diagnostic containing <paramref name="fragment"/>.</summary>
    public static Diagnostic Expect(string yaml, string fragment, string key, int? line = null) => Find(Fail(yaml), fragment, key, line);

    /// <summary>The 1-based line of <paramref name="yaml"/> that holds <paramref name="fragment"/>, which must appear on exactly one line.</summary>
    public static int LineOf(string yaml, string fragment)
    {
        var lines = yaml.Split('\n').Select((text, i) => (text, i)).Where(x => x.text.Contains(fragment, StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, $"\"{fragment}\" is on {lines.Count} lines of the test's YAML, not one");
        return lines[0].i + 1;
    }

    /// <summary>The first producer a point's plan placed.</summary>
    public static AppPlacement Producer(RunPoint point) => point.Plan.Apps.First(a => a.Role == AppRole.Producer);

    /// <summary>The first producer's configuration, after the idempotence rule.</summary>
    public static ProducerConfig ProducerConfig(ExperimentDefinition d) => Producer(d.Points[0]).Producer!;

    /// <summary>A topic as the first (or only) cluster of a point's plan holds it.</summary>
    public static TopicConfig Topic(RunPoint point, string name) => point.Plan.Settings.Values.First().Topics.First(t => t.Name == name);

    private static string Create()
    {
        // One directory per test process, so concurrent test runs on one machine never share files.
        var dir = Path.Combine(Path.GetTempPath(), $"sim-experiments-tests-{Environment.ProcessId}");
        System.IO.Directory.CreateDirectory(dir);
        System.IO.File.WriteAllText(Path.Combine(dir, "model.yaml"), ModelText);
        System.IO.File.WriteAllText(Path.Combine(dir, "clusters.yaml"), ClustersModelText);
        // The files are only read by the loader, so they can go when the test process ends.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // A file still open elsewhere leaves the directory to the system's temporary-file cleanup.
            }
        };
        return dir;
    }
}
