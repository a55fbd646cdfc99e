using System.Text.RegularExpressions;

namespace Sim.MirrorMaker.Policy;

/// <summary>
/// MirrorMaker 2's include/exclude lists (DefaultTopicFilter, DefaultGroupFilter): a name passes when it
/// matches an include pattern and no exclude pattern, each matched against the whole name.
/// </summary>
public sealed class NameFilter
{
    private readonly Regex[] _include;
    private readonly Regex[] _exclude;

    public NameFilter(IReadOnlyList<string> include, IReadOnlyList<string> exclude)
    {
        _include = [.. include.Select(Compile)];
        _exclude = [.. exclude.Select(Compile)];
    }

    private static Regex Compile(string pattern) => new($"^(?:{pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public bool Matches(string name) => _include.Any(r => r.IsMatch(name)) && !_exclude.Any(r => r.IsMatch(name));
}
