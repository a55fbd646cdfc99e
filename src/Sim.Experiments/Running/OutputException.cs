namespace Sim.Experiments.Running;

/// <summary>What kind of problem kept an output directory from being written, so a command can choose its exit code.</summary>
public enum OutputProblem
{
    /// <summary>The directory named cannot be an output directory (a file, the working directory, a directory sim did not write, one of the inputs).</summary>
    Usage,

    /// <summary>What the directory holds cannot be used (a corrupt <c>experiment.json</c>, runs of another version of the experiment).</summary>
    Input,

    /// <summary>Another <c>sim</c> is writing the directory, or the file system refused a write.</summary>
    Unavailable,
}

/// <summary>
/// An output directory that cannot be written as asked, with a message for the user that names the
/// directory or file. Thrown before anything is written, or after the failure left the previous
/// results in place (<see cref="OutputTransaction"/>).
/// </summary>
public sealed class OutputException(OutputProblem problem, string message, Exception? inner = null) : Exception(message, inner)
{
    public OutputProblem Problem { get; } = problem;
}
