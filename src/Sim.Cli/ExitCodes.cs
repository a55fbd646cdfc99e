namespace Sim.Cli;

/// <summary>The process exit codes of <c>sim</c>.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int InvalidInput = 1;
    public const int Usage = 2;
}
