namespace Sim.Cli;

/// <summary>The process exit codes of <c>sim</c>.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int InvalidInput = 1;
    public const int Usage = 2;

    /// <summary>A run threw (an invariant broke, the event cap was reached); finished runs are kept.</summary>
    public const int RunFailed = 3;

    /// <summary>Interrupted (Ctrl-C), as shells report SIGINT; finished runs are kept for --resume.</summary>
    public const int Interrupted = 130;
}
