using System.CommandLine;

namespace Sim.Cli;

/// <summary>The <c>sim</c> command: parses the verb and hands over to it. Exit codes: 0 success, 1 bad input or a failed run, 2 usage errors.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = BuildRootCommand();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) Console.Error.WriteLine($"sim: {e.Message}");
            Console.Error.WriteLine("Run 'sim --help' for the verbs and options.");
            return ExitCodes.Usage;
        }
        return parsed.Invoke();
    }

    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand(
            "sim: a deterministic discrete-event simulator of multi-site Apache Kafka deployments.\n" +
            "Model files (models/*.yaml) describe sites, racks, brokers and links; experiments\n" +
            "(experiments/*.yaml) say what to run on them.");
        root.Subcommands.Add(ValidateCommand.Build());
        root.Subcommands.Add(ListCommand.Build());
        root.Subcommands.Add(DemoCommand.Build());
        return root;
    }
}
