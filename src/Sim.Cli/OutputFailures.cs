using Sim.Experiments.Running;

namespace Sim.Cli;

/// <summary>
/// Turns a failure to read or write an output directory into a message naming the directory or file
/// and an exit code, for the commands that write one (<c>sim run</c>, <c>sim merge</c>).
/// </summary>
internal static class OutputFailures
{
    public static bool Handles(Exception e) => e is OutputException or InvalidDataException or IOException or UnauthorizedAccessException;

    /// <summary>Writes what went wrong and returns the exit code: 2 for a directory that cannot be an output, 1 for one whose contents cannot be used, 5 otherwise.</summary>
    public static int Report(string command, Exception e, TextWriter stderr)
    {
        switch (e)
        {
            case OutputException o:
                stderr.WriteLine($"{command}: {o.Message}");
                return o.Problem switch
                {
                    OutputProblem.Usage => ExitCodes.Usage,
                    OutputProblem.Input => ExitCodes.InvalidInput,
                    _ => ExitCodes.OutputUnavailable,
                };
            case InvalidDataException:
                stderr.WriteLine($"{command}: {e.Message}");
                return ExitCodes.InvalidInput;
            default:
                stderr.WriteLine($"{command}: could not write the output ({e.Message}); the output directory holds its previous results");
                return ExitCodes.OutputUnavailable;
        }
    }
}
