using System.CommandLine;
using Sim.Experiments.Models;
using Sim.Experiments.Spec;
using Sim.Experiments.Yaml;

namespace Sim.Cli;

/// <summary>
/// <c>sim validate FILE</c>: checks a model or an experiment file without running anything, every
/// sweep point of an experiment included, and reports every problem with file, line and key; exits 1
/// on any problem.
/// </summary>
public static class ValidateCommand
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "A model (models/*.yaml) or experiment (experiments/*.yaml) file" };
        var set = new Option<string[]>("--set") { Description = "Override a key of an experiment, as 'sim run' does" };
        var cmd = new Command("validate", "Check a model or experiment file and report every problem with file, line and key") { file, set };
        cmd.SetAction(r => Run(r, r.GetValue(file)!, r.GetValue(set) ?? []));
        return cmd;
    }

    private static int Run(ParseResult parse, FileInfo file, string[] sets)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        string shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), file.FullName);
        try
        {
            if (IsExperiment(shown))
            {
                var d = ExperimentLoader.Load(shown, sets);
                string runs = d.Search is { } s
                    ? $"{d.Points.Count} points, each a capacity search of {s.Key} from {s.Scale.Format(s.Min)} to {s.Scale.Format(s.Max)} against {s.Sla.Count} SLA predicates " +
                      $"(at most {s.MaxProbes} probes x {d.Replications} replications = {d.TotalRuns} runs of {d.Duration})"
                    : $"{d.Points.Count} points x {d.Replications} replications = {d.TotalRuns} runs of {d.Duration}";
                stdout.WriteLine($"{shown}: ok: experiment '{d.Name}' on {d.ModelFile}: {runs}; architectures {string.Join(", ", d.Points.Select(p => p.Architecture).Distinct())}");
                return ExitCodes.Ok;
            }
            if (sets.Length > 0)
            {
                stderr.WriteLine($"{shown}: --set applies to experiment files; this is a model");
                return ExitCodes.Usage;
            }
            var model = ModelLoader.Load(shown);
            var n = model.Network;
            int zones = n.Topology.Regions.Sum(r => r.Zones.Count);
            int racks = n.Topology.Regions.Sum(r => r.Zones.Sum(z => z.Racks.Count));
            stdout.WriteLine($"{shown}: ok: model '{model.Name}': {n.Topology.Regions.Count} regions, {zones} zones, {racks} racks, " +
                             $"{model.Clusters.Count} clusters, {n.Nodes.Count} nodes, {n.Links.Count} link overrides");
            return ExitCodes.Ok;
        }
        catch (InputException e)
        {
            foreach (var d in e.Diagnostics) stderr.WriteLine(d);
            stderr.WriteLine($"{shown}: {e.Diagnostics.Count} problem{(e.Diagnostics.Count == 1 ? "" : "s")}");
            return ExitCodes.InvalidInput;
        }
    }

    /// <summary>An experiment names a model and architectures; a model holds regions.</summary>
    private static bool IsExperiment(string path)
    {
        if (!File.Exists(path)) return false;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("architectures:", StringComparison.Ordinal) || line.StartsWith("model:", StringComparison.Ordinal)) return true;
            if (line.StartsWith("regions:", StringComparison.Ordinal)) return false;
        }
        return false;
    }
}
