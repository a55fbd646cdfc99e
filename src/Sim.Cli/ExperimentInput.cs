using Sim.Experiments.Spec;
using Sim.Experiments.Yaml;

namespace Sim.Cli;

/// <summary>Loads the experiment a command names, reporting every problem with its file, line and key.</summary>
internal static class ExperimentInput
{
    /// <summary>The experiment, or null after every problem was written to <paramref name="stderr"/> (exit <see cref="ExitCodes.InvalidInput"/>).</summary>
    public static ExperimentDefinition? Load(string shown, IReadOnlyList<string> sets, TextWriter stderr)
    {
        try
        {
            return ExperimentLoader.Load(shown, sets);
        }
        catch (InputException e)
        {
            foreach (var d in e.Diagnostics) stderr.WriteLine(d);
            stderr.WriteLine($"{shown}: {e.Diagnostics.Count} problem{(e.Diagnostics.Count == 1 ? "" : "s")}; nothing was run");
            return null;
        }
    }
}
