using System.Text;

namespace Sim.Experiments.Yaml;

/// <summary>
/// Reads an input file within a size budget: only regular files are read (a device such as <c>/dev/zero</c>
/// or a pipe never ends), and never more than the budget plus one byte, so a file too large is refused
/// without being read whole.
/// </summary>
public static class InputFile
{
    /// <summary>The file's text, or null after adding why it cannot be read to <paramref name="problems"/>.</summary>
    public static string? Read(string path, string shownAs, string key, long maxBytes, ICollection<Diagnostic> problems)
    {
        void Problem(string message) => problems.Add(new Diagnostic(shownAs, 0, 0, key, message));
        if (Directory.Exists(path)) { Problem($"'{path}' is a directory, not a file"); return null; }
        if (!File.Exists(path)) { Problem("no such file"); return null; }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            if (!stream.CanSeek) { Problem($"'{path}' is not a regular file (a pipe or a device)"); return null; }
            long length = stream.Length;
            if (length > maxBytes) { Problem(TooLarge(length, maxBytes)); return null; }
            // One byte more than the file says it holds: a device (/dev/zero) or a generated file says 0 and never ends.
            var buffer = new byte[length + 1];
            int total = 0, n;
            while (total < buffer.Length && (n = stream.Read(buffer, total, buffer.Length - total)) > 0) total += n;
            if (total > length) { Problem($"'{path}' is not a regular file (it holds more than its size says: a device or a generated file)"); return null; }
            return new UTF8Encoding(false, false).GetString(buffer, 0, total).TrimStart('\uFEFF');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Problem($"cannot read '{path}': {e.Message}");
            return null;
        }
    }

    private static string TooLarge(long bytes, long max) =>
        $"the file has {bytes} bytes, more than limits.file_size ({max} bytes): raise it with --set limits.file_size=N if it really is this large";
}
