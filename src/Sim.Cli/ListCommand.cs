using System.CommandLine;
using Sim.Architectures.Faults;
using Sim.Core.Distributions;
using Sim.Experiments.Schema;
using Sim.Experiments.Spec;
using Sim.Network.Links;
using Sim.Results;

namespace Sim.Cli;

/// <summary><c>sim list [WHAT]</c>: what the simulator knows by name: architectures, fault kinds, metrics, link presets, distributions.</summary>
public static class ListCommand
{
    private static readonly string[] Sections = ["architectures", "faults", "metrics", "presets", "distributions", "keys"];

    public static Command Build()
    {
        var what = new Argument<string?>("what") { Description = $"One of: {string.Join(", ", Sections)} (default: all)", Arity = ArgumentArity.ZeroOrOne };
        var markdown = new Option<bool>("--markdown") { Description = "With 'metrics': print the metric table of docs/metrics.md" };
        var cmd = new Command("list", "List what can be named in model and experiment files: architectures, fault kinds, metrics, link presets, distributions, configuration keys") { what, markdown };
        cmd.SetAction(r =>
        {
            var o = r.InvocationConfiguration.Output;
            var section = r.GetValue(what);
            if (section is not null && !Sections.Contains(section))
            {
                r.InvocationConfiguration.Error.WriteLine($"sim list: nothing called '{section}'; choose one of: {string.Join(", ", Sections)}");
                return ExitCodes.Usage;
            }
            bool All(string s) => section is null || section == s;
            if (r.GetValue(markdown))
            {
                if (section != "metrics")
                {
                    r.InvocationConfiguration.Error.WriteLine("sim list: --markdown goes with 'metrics'");
                    return ExitCodes.Usage;
                }
                o.Write(MetricTable.Markdown());
                return ExitCodes.Ok;
            }
            if (All("architectures"))
            {
                o.WriteLine("architectures (templates for 'architectures.NAME.template'):");
                foreach (var (name, text) in ArchitectureCatalog.Descriptions) o.WriteLine($"  {name,-15} {text}");
            }
            if (All("faults"))
            {
                o.WriteLine("fault kinds ('faults[].kind'):");
                foreach (var kind in FaultKinds.All) o.WriteLine($"  {kind.Name,-19} {kind.Description}");
                o.WriteLine($"  target roles: {string.Join(", ", FaultNames.RoleNames)}; stochastic classes: {string.Join(", ", StochasticClass.All.Select(c => c.Name))}");
            }
            if (All("metrics"))
            {
                o.WriteLine("metrics (columns of runs.csv; docs/metrics.md defines each):");
                foreach (var m in MetricCatalog.All) o.WriteLine($"  {m.Name,-30} {m.LabelWithUnit}: {m.Definition}");
            }
            if (All("presets"))
            {
                o.WriteLine("link presets:");
                foreach (var name in LinkPresets.Names)
                {
                    var p = LinkPresets.Get(name);
                    var bw = p.Bandwidth?.ToString() ?? "unlimited";
                    o.WriteLine($"  {name,-13} rtt {p.Rtt,-7} jitter {p.Jitter?.ToString() ?? "none",-42} loss {p.Loss,-6} bandwidth {bw}");
                }
            }
            if (All("distributions"))
            {
                o.WriteLine("distributions:");
                foreach (var f in DistributionSpec.FamilyNames.Order(StringComparer.Ordinal)) o.WriteLine($"  {f}");
            }
            if (All("keys")) PrintKeys(o);
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static void PrintKeys(TextWriter o)
    {
        o.WriteLine("configuration keys (defaults and meaning: docs/experiments.md; the same table makes docs/schema):");
        foreach (var block in KeyCatalog.All().GroupBy(e => e.Block))
        {
            o.WriteLine($"  {block.Key}:");
            foreach (var e in block) o.WriteLine($"    {e.Key,-42} {e.Form}");
        }
    }
}
