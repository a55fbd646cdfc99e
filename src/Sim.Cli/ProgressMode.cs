namespace Sim.Cli;

/// <summary>How <see cref="ProgressDisplay"/> shows itself.</summary>
public enum ProgressMode
{
    /// <summary>Nothing (--quiet, or output captured by a caller).</summary>
    Off,

    /// <summary>One line redrawn in place.</summary>
    Terminal,

    /// <summary>A plain line every 10 s (a log file or a pipe).</summary>
    Lines,
}
