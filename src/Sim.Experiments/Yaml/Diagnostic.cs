namespace Sim.Experiments.Yaml;

/// <summary>
/// One problem in an input file, where it is (file, line, column) and which key it concerns, printed as
/// <c>models/x.yaml:12:5: links.a/b.rtt: RTT -2ms is negative</c> so editors can jump to it.
/// </summary>
public sealed record Diagnostic(string File, int Line, int Column, string Key, string Message, string? Hint = null)
{
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        var key = string.IsNullOrEmpty(Key) ? "" : Key + ": ";
        return Hint is null ? $"{where}: {key}{Message}" : $"{where}: {key}{Message} ({Hint})";
    }
}
