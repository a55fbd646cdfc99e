using Sim.Experiments.Running;
using Sim.Experiments.Spec;
using Sim.Results;

namespace Sim.Golden.Tests;

/// <summary>
/// Golden trajectories, as OMNeT++ pins fingerprints and TigerBeetle pins snapshots: every shipped
/// experiment and workshop scenario is run once per sweep point (one replication, the shipped duration
/// and seed), and what it produced is compared with the files pinned under <c>golden/</c>: each run's
/// event count and trajectory fingerprint, runs.csv, summary.csv, faults.csv, the time series of run 0 and its replicas' end state and,
/// for a capacity search (every probe of its reduced search, GoldenRun.Sets), search.csv.
/// <para>
/// A change that moves any trajectory or any figure fails here, naming the run and the columns that
/// moved. When the change is meant, <c>SIM_UPDATE_GOLDEN=1 make test</c> rewrites the files and
/// <c>make test</c> prints <c>git diff --stat</c> of them; the commit that changes them says which
/// mechanism changed and why.
/// </para>
/// </summary>
public sealed class GoldenTrajectoryTests
{
    public static TheoryData<string> ShippedFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in GoldenFiles.ShippedExperiments()) data.Add(f);
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void AShippedExperiment_TakesItsPinnedTrajectory(string experiment)
    {
        var produced = GoldenRun.Produce(Path.Combine(GoldenFiles.RepoRoot(), experiment));
        var dir = GoldenFiles.DirectoryOf(experiment);
        var problems = new List<string>();
        foreach (var (name, text) in produced)
        {
            var path = Path.Combine(dir, name);
            if (!File.Exists(path)) { problems.Add($"{name}: not pinned yet"); continue; }
            problems.AddRange(CsvDiff.Describe(name, File.ReadAllText(path), text));
        }
        foreach (var stale in GoldenFiles.PinnedNames(dir).Except(produced.Keys)) problems.Add($"{stale}: pinned but no longer produced");
        if (GoldenFiles.Updating)
        {
            GoldenFiles.Replace(dir, produced);
            GoldenFiles.Report(experiment, problems);
            return;
        }
        Assert.True(problems.Count == 0,
            $"{experiment} left its golden trajectory ({dir}):\n  " + string.Join("\n  ", problems.Take(40)) +
            (problems.Count > 40 ? $"\n  ... and {problems.Count - 40} more" : "") +
            "\nIf the change is meant, run SIM_UPDATE_GOLDEN=1 make test and say in the commit which mechanism changed and why.");
    }

    [Fact]
    public void EveryShippedFile_HasAGolden_AndEveryGolden_AShippedFile()
    {
        var expected = GoldenFiles.ShippedExperiments().Select(GoldenFiles.DirectoryOf).Order(StringComparer.Ordinal).ToList();
        var root = GoldenFiles.GoldenRoot();
        var pinned = Directory.Exists(root) ? Directory.GetDirectories(root).Order(StringComparer.Ordinal).ToList() : [];
        if (GoldenFiles.Updating)
        {
            foreach (var orphan in pinned.Except(expected)) Directory.Delete(orphan, recursive: true);
            return;
        }
        Assert.Equal(expected, pinned);
    }
}

/// <summary>Where the pinned files live and which experiments have them.</summary>
public static class GoldenFiles
{
    public static bool Updating => Environment.GetEnvironmentVariable("SIM_UPDATE_GOLDEN") is "1" or "true";

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Simulator.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("no Simulator.sln above the test binaries");
    }

    public static string GoldenRoot() => Path.Combine(RepoRoot(), "tests", "Sim.Golden.Tests", "golden");

    /// <summary>Every experiment file shipped under experiments/, workshop scenarios included, as repository-relative paths.</summary>
    public static IReadOnlyList<string> ShippedExperiments()
    {
        var root = RepoRoot();
        return Directory.GetFiles(Path.Combine(root, "experiments"), "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary><c>experiments/workshop/acks1-loss.yaml</c> is pinned in <c>golden/workshop-acks1-loss</c>.</summary>
    public static string DirectoryOf(string experiment)
    {
        var rel = experiment["experiments/".Length..^".yaml".Length].Replace('/', '-');
        return Path.Combine(GoldenRoot(), rel);
    }

    public static IEnumerable<string> PinnedNames(string dir) =>
        Directory.Exists(dir) ? Directory.GetFiles(dir).Select(Path.GetFileName).OfType<string>() : [];

    /// <summary>In update mode, what moved is appended to <c>.golden-changes.txt</c> at the repository root, which <c>make test</c> prints and removes.</summary>
    public static void Report(string experiment, IReadOnlyList<string> changes)
    {
        if (changes.Count == 0) return;
        lock (ReportGate)
            File.AppendAllText(Path.Combine(RepoRoot(), ".golden-changes.txt"), $"{experiment}:\n  {string.Join("\n  ", changes)}\n");
    }

    private static readonly object ReportGate = new();

    public static void Replace(string dir, IReadOnlyDictionary<string, string> files)
    {
        Directory.CreateDirectory(dir);
        foreach (var stale in PinnedNames(dir).Except(files.Keys)) File.Delete(Path.Combine(dir, stale));
        foreach (var (name, text) in files) File.WriteAllText(Path.Combine(dir, name), text);
    }
}

/// <summary>Runs an experiment once per point and returns the files a golden pins, by name.</summary>
public static class GoldenRun
{
    /// <summary>
    /// A capacity search's golden runs a reduced search, so that it costs seconds of CPU as every golden should:
    /// three probes a point (min, max and the first bisection, which pins the whole probe machinery: the SLA's
    /// judgement, the bracket, the binding resource and the bill) of at most <see cref="SearchSeconds"/> simulated
    /// seconds, a second of them warm-up. The shipped search (8 probes of 10 s over 8 points in capacity-3az)
    /// costs minutes; its figures are in the experiment's comments and docs.
    /// </summary>
    public const int SearchProbes = 3, SearchSeconds = 4;

    public static IReadOnlyList<string> Sets(string experimentFile)
    {
        // A year of hybrid fidelity is pinned over its first simulated week, so the golden run stays cheap.
        if (Path.GetFileName(experimentFile) == "availability-year.yaml") return ["replications=1", "duration=168h"];
        // Forty spokes of 4 MB/s cost minutes for the shipped 45 s; their first 6 s pin the same mechanisms.
        if (Path.GetFileName(experimentFile) == "hub-capacity.yaml") return ["replications=1", "duration=6s", "warmup=2s"];
        var full = ExperimentLoader.Load(experimentFile, ["replications=1"]);
        if (full.Search is null) return ["replications=1"];
        var sets = new List<string> { "replications=1", $"search.max_probes={Math.Min(SearchProbes, full.Search.MaxProbes)}" };
        if (full.Duration > Sim.Core.Time.SimDuration.FromSeconds(SearchSeconds)) sets.AddRange([$"duration={SearchSeconds}s", "warmup=1s"]);
        return sets;
    }

    public static IReadOnlyDictionary<string, string> Produce(string experimentFile)
    {
        var definition = ExperimentLoader.Load(experimentFile, Sets(experimentFile));
        var scratch = Directory.CreateTempSubdirectory("sim-golden-");
        try
        {
            var records = Runs(definition, scratch.FullName);
            var info = ExperimentInfo.Of(definition);
            var results = ResultsAssembler.Assemble(info, records);
            ResultsWriter.WriteTables(results, scratch.FullName);
            var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["runs.csv"] = File.ReadAllText(Path.Combine(scratch.FullName, "runs.csv")),
                ["summary.csv"] = File.ReadAllText(Path.Combine(scratch.FullName, "summary.csv")),
                ["faults.csv"] = File.ReadAllText(Path.Combine(scratch.FullName, "faults.csv")),
                ["fingerprints.csv"] = "run_id,architecture,events,fingerprint\n" +
                    string.Concat(records.Select(r => $"{r.RunId},{r.Architecture},{r.Events},{r.Fingerprint}\n")),
            };
            var ts0 = Path.Combine(scratch.FullName, "timeseries", "000000.csv");
            if (File.Exists(ts0)) files["timeseries-000000.csv"] = File.ReadAllText(ts0);
            var mon0 = Path.Combine(scratch.FullName, "timeseries", "000000.monitoring.csv");
            if (File.Exists(mon0)) files["monitoring-000000.csv"] = File.ReadAllText(mon0);
            var parts0 = Path.Combine(scratch.FullName, "timeseries", "000000.partitions.csv");
            if (File.Exists(parts0)) files["partitions-000000.csv"] = File.ReadAllText(parts0);
            if (definition.Search is not null) files["search.csv"] = File.ReadAllText(Path.Combine(scratch.FullName, "search.csv"));
            return files;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>Every run of a sweep, or every probe's runs of a capacity search (run as 'sim run' runs it, its runs stored in <paramref name="scratch"/>).</summary>
    private static IReadOnlyList<RunRecord> Runs(ExperimentDefinition definition, string scratch)
    {
        if (definition.Search is not null)
        {
            var outcome = ExperimentRunner.Run(definition, new RunnerOptions(scratch) { Jobs = 2 });
            if (outcome.Failures.Count > 0) throw new InvalidOperationException($"run {outcome.Failures[0].Run.RunId} failed", outcome.Failures[0].Error);
            return outcome.Runs;
        }
        var records = new RunRecord[definition.TotalRuns];
        Parallel.For(0, definition.TotalRuns, new ParallelOptions { MaxDegreeOfParallelism = 2 },
            id => records[id] = RunExecutor.Execute(definition.Run(id)));
        return records;
    }
}
