using System.CommandLine;

namespace Sim.Cli;

/// <summary>The <c>sim</c> command: parses the verb and hands over to it. Exit codes (README.md): 0 success, 1 bad input, 2 usage, 3 a run failed, 4 sim check found a failing schedule, 5 output directory unavailable, 6 sim run --gate found a target missed, 130 interrupted.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the command line with its output going to the given writers (tests pass their own).</summary>
    /// <remarks><paramref name="interrupt"/> acts as Ctrl-C does: a command stops at its next safe point and exits 130.</remarks>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken interrupt = default)
    {
        var root = BuildRootCommand(interrupt);
        // Bare 'sim' is a request for help, not a mistake.
        if (args.Length == 0) args = ["--help"];
        var parsed = root.Parse(args);
        var typos = TypoCheck.Problems(root, parsed, args);
        if (typos.Count > 0 || parsed.Errors.Count > 0)
        {
            // A misspelt verb or option explains the parser's own complaints (a stray value, a missing file), so it alone is shown.
            if (typos.Count > 0) foreach (var t in typos) error.WriteLine($"sim: {t}");
            else foreach (var e in parsed.Errors) error.WriteLine($"sim: {e.Message}");
            error.WriteLine("Run 'sim --help' for the verbs and options.");
            return ExitCodes.Usage;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    public static RootCommand BuildRootCommand(CancellationToken interrupt = default)
    {
        var root = new RootCommand(
            "sim: a deterministic discrete-event simulator of multi-site Apache Kafka deployments.\n" +
            "Model files (models/*.yaml) describe sites, racks, brokers and links; experiments\n" +
            "(experiments/*.yaml) say what to run on them.\n\n" +
            "Exit codes: 0 done; 1 bad input (the message names file, line and key); 2 usage; 3 a run failed or\n" +
            "reached limits.events; 4 sim check found a failing schedule; 5 the output directory is locked by\n" +
            "another sim or cannot be written; 6 sim run --gate: a target the experiment states was missed;\n" +
            "130 interrupted (finished runs are kept for --resume).");
        root.Subcommands.Add(RunCommand.Build(interrupt));
        root.Subcommands.Add(MergeCommand.Build(interrupt));
        root.Subcommands.Add(ValidateCommand.Build());
        root.Subcommands.Add(ListCommand.Build());
        root.Subcommands.Add(DemoCommand.Build());
        root.Subcommands.Add(CheckCommand.Build());
        root.Subcommands.Add(TraceCommand.Build());
        root.Subcommands.Add(SchemaCommand.Build());
        return root;
    }
}
