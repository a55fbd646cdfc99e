using System.Text;

namespace Sim.Plotting;

/// <summary>
/// Turns a swept key into the part of a file name that names it (<c>links.a/b.rtt</c> becomes
/// <c>links-a-b-rtt</c>): lower case letters, digits, underscores and single hyphens only, so the name is
/// safe on every file system and in a Markdown link without escaping.
/// </summary>
internal static class FileNames
{
    public static string Slug(string key)
    {
        var builder = new StringBuilder(key.Length);
        foreach (var c in key.ToLowerInvariant())
        {
            var keep = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_';
            if (keep) builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "key" : slug;
    }
}
