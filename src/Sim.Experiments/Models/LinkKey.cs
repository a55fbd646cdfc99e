namespace Sim.Experiments.Models;

/// <summary>
/// Reads a link key: <c>a->b</c> (one direction), <c>a/b</c> (both), or <c>a-b</c> (both), the last
/// only when exactly one split of the name gives two known zones or regions.
/// </summary>
public static class LinkKey
{
    public static bool TryParse(string key, IReadOnlyCollection<string> places, out string from, out string to, out bool bidirectional, out string error)
    {
        from = to = "";
        bidirectional = true;
        error = "";
        int arrow = key.IndexOf("->", StringComparison.Ordinal);
        if (arrow >= 0)
        {
            from = key[..arrow];
            to = key[(arrow + 2)..];
            bidirectional = false;
            return CheckParts(key, from, to, out error);
        }
        int slash = key.IndexOf('/');
        if (slash >= 0)
        {
            from = key[..slash];
            to = key[(slash + 1)..];
            return CheckParts(key, from, to, out error);
        }
        var splits = new List<(string, string)>();
        for (int i = key.IndexOf('-'); i > 0; i = key.IndexOf('-', i + 1))
        {
            var a = key[..i];
            var b = key[(i + 1)..];
            if (places.Contains(a) && places.Contains(b)) splits.Add((a, b));
        }
        if (splits.Count == 1)
        {
            (from, to) = splits[0];
            return true;
        }
        error = splits.Count == 0
            ? $"'{key}' does not name two known zones or regions; write a link as 'a/b' (both ways) or 'a->b' (one way)"
            : $"'{key}' can be read more than one way; write it as '{splits[0].Item1}/{splits[0].Item2}'";
        return false;
    }

    private static bool CheckParts(string key, string from, string to, out string error)
    {
        error = from.Length == 0 || to.Length == 0 ? $"'{key}' needs a place on each side" : "";
        return error.Length == 0;
    }
}
