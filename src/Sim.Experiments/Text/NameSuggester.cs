namespace Sim.Experiments.Text;

/// <summary>Finds the valid name closest to a misspelt one, for "did you mean" hints.</summary>
public static class NameSuggester
{
    /// <summary>
    /// The candidate with the smallest edit distance to <paramref name="input"/>, if it is close enough
    /// to be a plausible typo (at most a third of the longer name, at least 2 edits allowed, and fewer
    /// edits than the name has characters);
    /// ties go to the alphabetically first candidate so hints are stable.
    /// </summary>
    public static string? Nearest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var c in candidates.Order(StringComparer.Ordinal))
        {
            int d = Distance(input.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }
        if (best is null) return null;
        int allowed = Math.Max(2, Math.Max(input.Length, best.Length) / 3);
        // Replacing every character of a short name is not a typo, it is a different name.
        return bestDistance <= allowed && bestDistance < input.Length ? best : null;
    }

    /// <summary>A hint sentence for an unknown name, or null when nothing is close.</summary>
    public static string? Hint(string input, IEnumerable<string> candidates)
    {
        var list = candidates.ToList();
        var nearest = Nearest(input, list);
        if (nearest is not null) return $"did you mean '{nearest}'?";
        return list.Count is > 0 and <= 12 ? "expected one of: " + string.Join(", ", list.Order(StringComparer.Ordinal)) : null;
    }

    /// <summary>Optimal string alignment distance (Levenshtein with adjacent transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
