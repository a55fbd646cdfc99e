using System.Text.Encodings.Web;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sim.Architectures.Faults;
using Sim.Architectures.Templates;
using Sim.Experiments.Search;
using Sim.Experiments.Spec;
using Sim.Results;

namespace Sim.Experiments.Running;

/// <summary>
/// What an output directory's runs belong to (<c>experiment.json</c>): the experiment's name, hash,
/// sweep and replications, and the sentences of the report's setup and notes. It holds nothing that
/// changes between identical runs, so shards of one experiment write the same file and
/// <c>sim merge</c> can check that the directories it joins belong together.
/// </summary>
public sealed record ExperimentInfo(
    string Name,
    string? Description,
    string File,
    string Model,
    string Hash,
    ulong Seed,
    IReadOnlyList<string> SweptKeys,
    int Replications,
    int TotalRuns,
    int? Timeline,
    IReadOnlyList<string> Setup,
    IReadOnlyList<string> Notes)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        // Written for people and scripts, not embedded in HTML: "a->b" and "<" stay as they are, not \u003E.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public const string FileName = "experiment.json";

    /// <summary>The capacity search, when the experiment states one: what its outcomes are rebuilt from, with the stored runs.</summary>
    public SearchDescription? Search { get; init; }

    /// <summary>The targets the experiment states, which the report's verdict judges the designs against; empty (or absent in an older file) when none.</summary>
    public IReadOnlyList<SlaTerm>? Targets { get; init; }

    /// <summary>Sweep points (a search's probes are summarised as points of their own, so this is not the summary's row count).</summary>
    public int SweepPoints => Search is { } s ? TotalRuns / (Replications * s.MaxProbes) : TotalRuns / Replications;

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    public static ExperimentInfo Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!System.IO.File.Exists(path)) throw new InvalidDataException($"{directory}: no {FileName}; is it the output of 'sim run'?");
        ExperimentInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<ExperimentInfo>(System.IO.File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not an experiment.json written by sim ({e.Message})", e);
        }
        // The deserializer leaves a missing member null whatever its declared type, so check the ones used.
        if (info is null || info.Name is null || info.Hash is null || info.SweptKeys is null || info.Setup is null || info.Notes is null || info.File is null || info.Model is null)
            throw new InvalidDataException($"{path}: not an experiment.json written by sim (it lacks name, hash, swept_keys, setup or notes)");
        return info;
    }

    public static ExperimentInfo Of(ExperimentDefinition d)
    {
        var setup = new List<string>
        {
            $"Experiment `{d.File}`, model `{d.ModelFile}`.",
            $"Each run simulates {d.Duration} ({d.Warmup} of warm-up, not measured); {d.Replications} replication{(d.Replications == 1 ? "" : "s")} per point; master seed {d.Seed.ToString(CultureInfo.InvariantCulture)}.",
            $"{d.Points.Count} sweep point{(d.Points.Count == 1 ? "" : "s")}" + (d.SweptKeys.Count == 0 ? "." : $" over {string.Join(", ", d.SweptKeys.Select(k => $"`{k}`"))}."),
        };
        foreach (var plan in d.Points.GroupBy(p => p.Architecture).Select(g => g.First().Plan))
            setup.Add(Describe(plan));
        var faults = d.Points[0].Faults;
        foreach (var f in faults.Scheduled)
            setup.Add($"Fault: {f.Kind} of `{f.TargetText}` at {f.At - Sim.Core.Time.SimTime.Zero}" + (f.Duration is { } du ? $" for {du}." : ", to the end of the run."));
        foreach (var s in faults.Stochastic)
            setup.Add($"Stochastic faults: {s.Class.Name} failures with MTBF {s.Mtbf} and MTTR {s.Mttr}.");
        var notes = d.Points.SelectMany(p => p.Plan.Notes.Select(n => $"{p.Architecture}: {n}")).Distinct().ToList();
        notes.Add("Metric definitions are in docs/metrics.md. Latencies count acknowledged produce requests after the warm-up; RPO and RTO are measured from the start of the first fault.");
        notes.Add("Replication r of every sweep point uses the same seed (common random numbers), so differences between points come from the swept settings.");
        if (d.Search is { } search)
        {
            setup.Add(SearchText.Setup(search));
            notes.Add(SearchText.Note(search));
        }
        return new ExperimentInfo(d.Name, d.Description, d.File, d.ModelFile, d.Hash, d.Seed, d.SweptKeys, d.Replications, d.TotalRuns, d.Outputs.Timeline, setup, notes)
        {
            Search = d.Search?.Describe(),
            Targets = d.Targets,
        };
    }

    private static string Count(int n, string what) => $"{n} {what}{(n == 1 ? "" : "s")}";

    private static string Describe(DeploymentPlan plan)
    {
        var clusters = plan.Model.Clusters.Select(c => $"{c.Name} ({c.Brokers.Count} brokers, {c.Controllers.Count} controllers)");
        var flows = plan.Model.MirrorMaker.SelectMany(c => c.Flows).Select(f => f.Name).ToList();
        var topics = plan.Settings.Values.SelectMany(s => s.Topics).Where(t => !t.Internal).GroupBy(t => t.Name).Select(g => g.First())
            .Select(t => $"{t.Name} ({t.Partitions} partitions, RF {t.ReplicationFactor}" + (t.MinInSyncReplicas is { } m ? $", min.insync.replicas {m}" : "") + ")");
        return $"Architecture `{plan.Architecture}`: clusters {string.Join(", ", clusters)}" +
               (flows.Count > 0 ? $"; MirrorMaker 2 flows {string.Join(", ", flows)}" : "") +
               $"; topics {string.Join(", ", topics)}; {Count(plan.Apps.Count(a => a.Role == AppRole.Producer), "producer")}, {Count(plan.Apps.Count(a => a.Role == AppRole.Consumer), "consumer")}.";
    }
}
