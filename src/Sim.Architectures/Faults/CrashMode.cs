namespace Sim.Architectures.Faults;

/// <summary>How a broker goes down in a <c>broker-crash</c>.</summary>
public enum CrashMode
{
    /// <summary>The machine loses power: the page cache, and the unflushed tail of the log with it, is lost.</summary>
    Hard,

    /// <summary>The process dies; the operating system keeps the page cache.</summary>
    Process,

    /// <summary>Controlled shutdown: leadership is moved away first, then the broker stops.</summary>
    Clean,
}
