using Sim.Architectures.Model;
using Sim.Architectures.Runtime;
using System.CommandLine;
using Sim.Experiments.Models;
using Sim.Experiments.Yaml;

namespace Sim.Cli;

/// <summary><c>sim validate FILE</c>: checks a model file without running anything; exits 1 on any problem.</summary>
public static class ValidateCommand
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "A model file (models/*.yaml)" };
        var cmd = new Command("validate", "Check a model file and report every problem with file, line and key") { file };
        cmd.SetAction(r => Run(r.GetValue(file)!));
        return cmd;
    }

    private static int Run(FileInfo file)
    {
        string shown = Path.GetRelativePath(Directory.GetCurrentDirectory(), file.FullName);
        try
        {
            var model = ModelLoader.Load(shown);
            var n = model.Network;
            int zones = n.Topology.Regions.Sum(r => r.Zones.Count);
            int racks = n.Topology.Regions.Sum(r => r.Zones.Sum(z => z.Racks.Count));
            Console.WriteLine($"{shown}: ok: model '{model.Name}': {n.Topology.Regions.Count} regions, {zones} zones, {racks} racks, " +
                              $"{model.Clusters.Count} clusters, {n.Nodes.Count} nodes, {n.Links.Count} link overrides");
            return ExitCodes.Ok;
        }
        catch (InputException e)
        {
            foreach (var d in e.Diagnostics) Console.Error.WriteLine(d);
            Console.Error.WriteLine($"{shown}: {e.Diagnostics.Count} problem{(e.Diagnostics.Count == 1 ? "" : "s")}");
            return ExitCodes.InvalidInput;
        }
    }
}
