namespace Sim.Golden.Tests;

/// <summary>
/// Says how a produced table differs from its pinned copy, row by row and column by column
/// (<c>runs.csv row run_id=3: produce_latency_ms_p99 16.3 -> 17.1</c>), so a failing golden names the
/// figures that moved instead of printing two walls of numbers.
/// </summary>
public static class CsvDiff
{
    /// <summary>How many changed rows of one table are spelled out; the rest are counted.</summary>
    public const int RowsShown = 12;

    public static IEnumerable<string> Describe(string name, string pinned, string produced)
    {
        if (pinned == produced) yield break;
        var a = Lines(pinned);
        var b = Lines(produced);
        if (a.Length == 0 || b.Length == 0 || a[0] != b[0])
        {
            yield return $"{name}: the header changed: {(a.Length > 0 ? a[0] : "(empty)")} -> {(b.Length > 0 ? b[0] : "(empty)")}";
            yield break;
        }
        var header = a[0].Split(',');
        if (a.Length != b.Length) yield return $"{name}: {a.Length - 1} rows pinned, {b.Length - 1} produced";
        int shown = 0, more = 0;
        for (int i = 1; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] == b[i]) continue;
            if (shown == RowsShown) { more++; continue; }
            shown++;
            var x = a[i].Split(',');
            var y = b[i].Split(',');
            var moved = new List<string>();
            for (int c = 0; c < Math.Max(x.Length, y.Length); c++)
            {
                string before = c < x.Length ? x[c] : "(none)", after = c < y.Length ? y[c] : "(none)";
                if (before != after) moved.Add($"{(c < header.Length ? header[c] : $"column {c + 1}")} {Show(before)} -> {Show(after)}");
            }
            yield return $"{name} row {i} ({header[0]}={x[0]}): {string.Join("; ", moved)}";
        }
        if (more > 0) yield return $"{name}: and {more} more rows changed";
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Show(string cell) => cell.Length == 0 ? "(empty)" : cell;
}
