using System.Globalization;
using System.Text;

namespace Sim.Experiments.Yaml;

/// <summary>
/// One problem in an input file, where it is (file, line, column) and which key it concerns, printed as
/// <c>models/x.yaml:12:5: links.a/b.rtt: RTT -2ms is negative</c> so editors can jump to it. Printed text
/// is clipped and control characters are escaped: a problem quotes what the user wrote, and a 20 MB value
/// or a terminal escape sequence must not reach the terminal as it is.
/// </summary>
public sealed record Diagnostic(string File, int Line, int Column, string Key, string Message, string? Hint = null)
{
    /// <summary>The most characters of a message printed; the rest is counted, not shown.</summary>
    public const int MaxMessageChars = 400;

    /// <summary>The most characters of a file name or key printed (a hint may be as long as a message).</summary>
    public const int MaxPartChars = 200;

    public override string ToString()
    {
        var file = Printable(File, MaxPartChars);
        var where = Line > 0 ? $"{file}:{Line}:{Column}" : file;
        var key = string.IsNullOrEmpty(Key) ? "" : Printable(Key, MaxPartChars) + ": ";
        var message = Printable(Message, MaxMessageChars);
        return Hint is null ? $"{where}: {key}{message}" : $"{where}: {key}{message} ({Printable(Hint, MaxMessageChars)})";
    }

    /// <summary>
    /// <paramref name="text"/> on one line: control characters (newlines, tabs, escapes, NUL) written as
    /// <c>\xNN</c>, and anything past <paramref name="max"/> characters replaced by a count of what was left out.
    /// </summary>
    public static string Printable(string text, int max)
    {
        var sb = new StringBuilder(Math.Min(text.Length, max) + 16);
        int i = 0;
        for (; i < text.Length && sb.Length < max; i++)
        {
            char c = text[i];
            if (char.IsControl(c)) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        if (i < text.Length) sb.Append("... (").Append((text.Length - i).ToString(CultureInfo.InvariantCulture)).Append(" more characters)");
        return sb.ToString();
    }
}
