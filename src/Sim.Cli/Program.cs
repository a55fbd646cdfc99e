using System.CommandLine;

namespace Sim.Cli;

/// <summary>The <c>sim</c> command: parses the verb and hands over to it. Exit codes: 0 success, 1 bad input or a failed run, 2 usage errors.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the command line with its output going to the given writers (tests pass their own).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = BuildRootCommand();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) error.WriteLine($"sim: {e.Message}");
            error.WriteLine("Run 'sim --help' for the verbs and options.");
            return ExitCodes.Usage;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand(
            "sim: a deterministic discrete-event simulator of multi-site Apache Kafka deployments.\n" +
            "Model files (models/*.yaml) describe sites, racks, brokers and links; experiments\n" +
            "(experiments/*.yaml) say what to run on them.");
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(MergeCommand.Build());
        root.Subcommands.Add(ValidateCommand.Build());
        root.Subcommands.Add(ListCommand.Build());
        root.Subcommands.Add(DemoCommand.Build());
        root.Subcommands.Add(CheckCommand.Build());
        root.Subcommands.Add(TraceCommand.Build());
        return root;
    }
}
