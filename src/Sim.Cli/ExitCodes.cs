namespace Sim.Cli;

/// <summary>The process exit codes of <c>sim</c> (README.md lists them; <c>sim check</c> adds 4, a schedule that failed).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int InvalidInput = 1;
    public const int Usage = 2;

    /// <summary>A run threw (an invariant broke, the event cap was reached); finished runs are kept.</summary>
    public const int RunFailed = 3;

    /// <summary>The output directory cannot be written now: another sim holds its lock, or the file system refused a write. The previous results are intact.</summary>
    public const int OutputUnavailable = 5;

    /// <summary><c>sim run --gate</c>: the results are written, and a sweep point misses a target the experiment states.</summary>
    public const int TargetMissed = 6;

    /// <summary>Interrupted (Ctrl-C), as shells report SIGINT; finished runs are kept for --resume.</summary>
    public const int Interrupted = 130;
}
