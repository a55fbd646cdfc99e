using System.CommandLine;
using Sim.Experiments.Models;
using Sim.Experiments.Spec;
using Sim.Experiments.Yaml;

namespace Sim.Cli;

/// <summary>
/// <c>sim validate FILE</c>: checks a model or an experiment file without running anything, every
/// sweep point of an experiment included, and reports every problem with file, line and key; exits 1
/// on any problem. An experiment is checked by the same loader <c>sim run</c> uses, so what validate
/// accepts runs, and what run would refuse validate refuses first.
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
        var limits = LimitKeys.FromSets(sets);
        try
        {
            if (!IsModel(shown, limits))
            {
                var d = ExperimentLoader.Load(shown, sets);
                string runs = d.Search is { } s
                    ? $"{d.Points.Count} points, each a capacity search of {s.Key} from {s.Scale.Format(s.Min)} to {s.Scale.Format(s.Max)} against {s.Sla.Count} SLA predicates " +
                      $"(at most {s.MaxProbes} probes x {d.Replications} replications = {d.TotalRuns} runs of {d.Duration})"
                    : $"{d.Points.Count} points x {d.Replications} replications = {d.TotalRuns} runs of {d.Duration}";
                stdout.WriteLine($"{shown}: ok: experiment '{d.Name}' on {d.ModelFile}: {runs}; architectures {string.Join(", ", d.Points.Select(p => p.Architecture).Distinct())}");
                return ExitCodes.Ok;
            }
            if (sets.Any(s => !s.StartsWith("limits.", StringComparison.Ordinal)))
            {
                stderr.WriteLine($"{shown}: --set applies to experiment files; this is a model (only --set limits.* applies to it)");
                return ExitCodes.Usage;
            }
            var model = ModelLoader.Load(shown, limits);
            var n = model.Network;
            int zones = n.Topology.Regions.Sum(r => r.Zones.Count);
            int racks = n.Topology.Regions.Sum(r => r.Zones.Sum(z => z.Racks.Count));
            stdout.WriteLine($"{shown}: ok: model '{model.Name}': {n.Topology.Regions.Count} regions, {zones} zones, {racks} racks, " +
                             $"{model.Clusters.Count} clusters, {n.Nodes.Count} nodes, {n.Links.Count} link overrides");
            return ExitCodes.Ok;
        }
        catch (InputException e)
        {
            foreach (var line in e.Lines(limits.Diagnostics)) stderr.WriteLine(line);
            stderr.WriteLine($"{shown}: {e.Total} problem{(e.Total == 1 ? "" : "s")}");
            return ExitCodes.InvalidInput;
        }
    }

    /// <summary>
    /// A model holds <c>regions</c> and no experiment keys (<see cref="ModelLoader.IsModel"/>, which reads the
    /// parser's events without building anything); anything else, a file that cannot be read or parsed included,
    /// is checked as an experiment, as <c>sim run</c> would.
    /// </summary>
    private static bool IsModel(string path, YamlLimits limits)
    {
        var text = InputFile.Read(path, path, "", limits.FileBytes, new List<Diagnostic>());
        if (text is null) return false;
        return ModelLoader.IsModel(text);
    }
}
