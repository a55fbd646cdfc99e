using System.Globalization;
using System.Text;

namespace Sim.Experiments.Spec;

/// <summary>
/// The rule for a name that becomes part of a path (an experiment's <c>name</c> is its results
/// directory, <c>results/NAME</c>) or is printed as a label (an architecture block's name, in tables,
/// the report and the terminal): letters, digits, <c>-</c>, <c>_</c> and <c>.</c>, not <c>.</c> or
/// <c>..</c>. Such a name can neither climb out of the results directory nor carry a control character
/// or a terminal escape sequence into a table or a terminal.
/// </summary>
public static class PathName
{
    /// <summary>Longest name accepted: file systems take 255 bytes per path element, and sim adds a suffix for its staging directory.</summary>
    public const int MaxLength = 128;

    /// <summary>Why <paramref name="name"/> cannot be used, or null when it can.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0) return "a name cannot be empty";
        if (name is "." or "..") return $"'{name}' names a directory itself, not a new one";
        if (name.Length > MaxLength) return $"a name is at most {MaxLength} characters, not {name.Length}";
        int bad = name.AsSpan().IndexOfAnyExcept(Allowed);
        return bad < 0 ? null : $"'{Shown(name)}' has {Describe(name[bad])}; a name uses letters, digits, '-', '_' and '.'";
    }

    private static readonly System.Buffers.SearchValues<char> Allowed =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    private static string Describe(char c) => char.IsControl(c)
        ? $"a control character (U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)})"
        : $"'{c}'";

    /// <summary>The name with control characters written as escapes, so a message never sends them to a terminal.</summary>
    public static string Shown(string name)
    {
        var text = new StringBuilder(Math.Min(name.Length, MaxLength + 8));
        foreach (char c in name.Length > MaxLength ? name[..MaxLength] : name)
            text.Append(char.IsControl(c) ? $"\\u{((int)c).ToString("x4", CultureInfo.InvariantCulture)}" : c.ToString());
        if (name.Length > MaxLength) text.Append('…');
        return text.ToString();
    }
}
