using System.CommandLine;
using Sim.Core.Distributions;
using Sim.Network.Links;

namespace Sim.Cli;

/// <summary><c>sim list</c>: what the simulator knows by name.</summary>
public static class ListCommand
{
    public static Command Build()
    {
        var cmd = new Command("list", "List what can be named in model and experiment files: link presets, distributions");
        cmd.SetAction(_ =>
        {
            Console.WriteLine("link presets:");
            foreach (var name in LinkPresets.Names)
            {
                var p = LinkPresets.Get(name);
                var bw = p.Bandwidth?.ToString() ?? "unlimited";
                Console.WriteLine($"  {name,-13} rtt {p.Rtt,-7} jitter {p.Jitter?.ToString() ?? "none",-42} loss {p.Loss,-6} bandwidth {bw}");
            }
            Console.WriteLine("distributions:");
            foreach (var f in DistributionSpec.FamilyNames.Order(StringComparer.Ordinal)) Console.WriteLine($"  {f}");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
