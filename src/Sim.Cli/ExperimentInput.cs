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
            foreach (var line in e.Lines(LimitKeys.FromSets(sets).Diagnostics)) stderr.WriteLine(line);
            stderr.WriteLine($"{shown}: {e.Total} problem{(e.Total == 1 ? "" : "s")}; nothing was run");
            return null;
        }
    }
}
