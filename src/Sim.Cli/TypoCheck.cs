using System.CommandLine;
using Sim.Experiments.Text;

namespace Sim.Cli;

/// <summary>
/// Finds the verbs and options on a command line that <c>sim</c> does not have, and suggests the one the user
/// probably meant (<c>sim rnu</c>: "did you mean 'run'?"). Also catches a misspelt option that the parser took
/// as the experiment file, which it would otherwise report as a missing file or a stray value.
/// </summary>
public static class TypoCheck
{
    private static readonly string[] Global = ["--help", "-h", "-?", "--version"];

    /// <summary>One sentence per unknown verb or option, each with a suggestion when one is close.</summary>
    public static IReadOnlyList<string> Problems(RootCommand root, ParseResult parsed, IReadOnlyList<string> args)
    {
        var problems = new List<string>();
        var command = parsed.CommandResult.Command;
        if (ReferenceEquals(command, root) && args.Count > 0 && !args[0].StartsWith('-'))
        {
            var verbs = root.Subcommands.Select(c => c.Name).ToList();
            problems.Add($"'{args[0]}' is not a verb of sim{Suggest(args[0], verbs)} (the verbs: {string.Join(", ", verbs)})");
            return problems;
        }
        var options = command.Options.Concat(root.Options).ToList();
        var names = options.SelectMany(o => o.Aliases.Prepend(o.Name)).Concat(Global).ToHashSet(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (a == "--") break;
            if (!a.StartsWith('-') || a.Length < 2 || char.IsDigit(a[1])) continue;
            if (i > 0 && TakesValue(options, args[i - 1])) continue;
            string name = a.Split('=', 2)[0];
            if (names.Contains(name)) continue;
            string verb = ReferenceEquals(command, root) ? "sim" : $"sim {command.Name}";
            problems.Add($"'{name}' is not an option of {verb}{Suggest(name, names.Where(n => n.StartsWith("--", StringComparison.Ordinal)))}");
        }
        return problems;
    }

    private static bool TakesValue(List<Option> options, string token) =>
        options.FirstOrDefault(o => o.Name == token || o.Aliases.Contains(token)) is { } o && o.Arity.MaximumNumberOfValues > 0;

    /// <summary>"; did you mean 'X'?" for the closest plausible candidate (<see cref="NameSuggester.Nearest"/>), else empty.</summary>
    public static string Suggest(string typed, IEnumerable<string> candidates) =>
        NameSuggester.Nearest(typed, candidates) is { } nearest ? $"; did you mean '{nearest}'?" : "";
}
