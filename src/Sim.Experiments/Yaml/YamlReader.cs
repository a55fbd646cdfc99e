using System.Globalization;
using Sim.Core;
using Sim.Core.Distributions;
using Sim.Core.Time;
using Sim.Core.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Sim.Experiments.Text;

namespace Sim.Experiments.Yaml;

/// <summary>
/// Reads a YAML document into typed values while collecting every problem with its file, line, column
/// and key path. It remembers where each key path was written, so problems found later by validation
/// (which only knows key paths) can be placed on the right line too.
/// </summary>
public sealed class YamlReader
{
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly Dictionary<string, Location> _marks = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<YamlNode, Location> _origins;

    private YamlReader(string file, IReadOnlyDictionary<YamlNode, Location>? origins = null)
    {
        File = file;
        _origins = origins ?? new Dictionary<YamlNode, Location>(ReferenceEqualityComparer.Instance);
    }

    /// <summary>
    /// A reader over a tree assembled from several sources (an experiment file with sweep values and
    /// <c>--set</c> overrides written into it): <paramref name="origins"/> says where each node was written,
    /// so a problem is reported in the file and on the line the user wrote it.
    /// </summary>
    public static YamlReader ForTree(string file, YamlNode root, IReadOnlyDictionary<YamlNode, Location> origins)
    {
        var reader = new YamlReader(file, origins);
        reader._marks[""] = reader.Where(root);
        return reader;
    }

    public string File { get; }

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public bool HasErrors => _diagnostics.Count > 0;

    /// <summary>
    /// The words the last value read from a fixed set could have been; the JSON Schema generator reads a
    /// key's set from here (docs/schema), so the schema's enums are the loader's own lists.
    /// </summary>
    public IReadOnlyList<string>? OfferedChoices { get; private set; }

    /// <summary>Records the words a value of a fixed set may take (<see cref="OfferedChoices"/>).</summary>
    public void Offer(IReadOnlyList<string> choices) => OfferedChoices = choices;

    /// <summary>
    /// Parses <paramref name="text"/> within <paramref name="limits"/> (default: <see cref="YamlLimits.Default"/>);
    /// on a syntax error, or input <see cref="YamlGuard"/> refuses, the reader holds the error and <paramref name="root"/> is null.
    /// </summary>
    public static YamlReader Parse(string file, string text, out YamlNode? root, YamlLimits? limits = null)
    {
        var reader = new YamlReader(file);
        root = null;
        if (YamlGuard.Check(file, text, limits ?? YamlLimits.Default, reader._diagnostics) != YamlVerdict.Ok) return reader;
        var stream = new YamlStream();
        try
        {
            stream.Load(new Parser(new Scanner(new StringReader(text))));
        }
        catch (YamlException e)
        {
            // What only the representation model checks: a key written twice in one mapping.
            reader._diagnostics.Add(YamlGuard.SyntaxError(file, e, Mark.Empty));
            return reader;
        }
        if (stream.Documents.Count == 0)
        {
            reader.Error("", new Mark(0, 1, 1), "the file is empty");
            return reader;
        }
        root = stream.Documents[0].RootNode;
        reader._marks[""] = new Location(file, root.Start);
        return reader;
    }

    /// <summary>The problems found, as an exception to throw: the kept ones, and a count of those past <see cref="MaxKept"/>.</summary>
    public InputException Failure() => new(_diagnostics, _omitted);

    /// <summary>The most problems one reader keeps; further ones are counted (a file of a million unknown keys must stay cheap).</summary>
    public const int MaxKept = 10_000;

    /// <summary>How many problems get a did-you-mean hint; a flood of unknown keys is reported without one past these.</summary>
    public const int HintedProblems = 200;

    private int _omitted;

    /// <summary>Problems found past <see cref="MaxKept"/>, counted but not kept.</summary>
    public int Omitted => _omitted;

    private void Add(Diagnostic d)
    {
        if (_diagnostics.Count < MaxKept) _diagnostics.Add(d);
        else _omitted++;
    }

    public void Error(string key, Mark mark, string message, string? hint = null) =>
        Add(new Diagnostic(File, (int)mark.Line, (int)mark.Column, key, message, hint));

    public void Error(string key, Location at, string message, string? hint = null)
    {
        // Values from the command line have no position: their mark is the default one, line 0.
        Add(new Diagnostic(at.File, (int)at.Mark.Line, (int)at.Mark.Column, key, message, hint));
    }

    public void Error(string key, YamlNode node, string message, string? hint = null) => Error(key, Where(node), message, hint);

    /// <summary>Where <paramref name="node"/> was written: its recorded origin, or its position in this reader's file.</summary>
    public Location Where(YamlNode node) => _origins.TryGetValue(node, out var o) ? o : new Location(File, node.Start);

    /// <summary>Adds a problem found outside the reader (a template refusing its options) at <paramref name="key"/>'s place.</summary>
    public void ErrorAt(string key, string message, string? hint = null) => Error(key, Locate(key), message, hint);

    /// <summary>
    /// Adds errors found by validation, placing each at the nearest key path this reader saw; an unknown
    /// name gets a hint with the nearest known one.
    /// </summary>
    public void AddSpecErrors(IEnumerable<SpecError> errors)
    {
        foreach (var e in errors) Error(e.Key, Locate(e.Key), e.Message, HintOf(e));
    }

    /// <summary>The error's own hint, or a did-you-mean from the names it says would have been accepted.</summary>
    public static string? HintOf(SpecError e) =>
        e.Hint ?? (e.Unknown is { } name && e.Known is { } known ? NameSuggester.Hint(name, known) : null);

    /// <summary>Where <paramref name="key"/> (or the longest written prefix of it) appears in the file.</summary>
    public Location Locate(string key)
    {
        var k = key;
        while (true)
        {
            if (_marks.TryGetValue(k, out var m)) return m;
            int dot = k.LastIndexOf('.');
            if (dot < 0) return _marks.TryGetValue("", out var root) ? root : new Location(File, Mark.Empty);
            k = k[..dot];
        }
    }

    public static string Join(string parent, string child) => parent.Length == 0 ? child : parent + "." + child;

    /// <summary>
    /// The entries of a mapping, in file order, recording each key's position; reports keys outside
    /// <paramref name="allowed"/> with the nearest valid key as a hint. Null (with an error) if the node is not a mapping.
    /// </summary>
    public IReadOnlyList<(string Key, YamlNode Value)>? Mapping(YamlNode node, string key, IReadOnlyCollection<string>? allowed = null)
    {
        if (node is not YamlMappingNode map)
        {
            Error(key, node, $"expected a mapping of keys to values, found {Describe(node)}");
            return null;
        }
        var result = new List<(string, YamlNode)>();
        foreach (var (k, v) in map.Children)
        {
            if (k is not YamlScalarNode { Value: { } name })
            {
                Error(key, k, "keys must be plain names");
                continue;
            }
            var path = Join(key, name);
            _marks[path] = Where(k);
            if (allowed is not null && !allowed.Contains(name))
            {
                // Past the first problems (more than are printed), the hint (a distance to every known key) is not worth computing.
                Error(path, k, $"unknown key '{name}'", _diagnostics.Count < HintedProblems ? NameSuggester.Hint(name, allowed) : null);
                continue;
            }
            result.Add((name, v));
        }
        return result;
    }

    public IReadOnlyList<YamlNode>? Sequence(YamlNode node, string key)
    {
        if (node is not YamlSequenceNode seq)
        {
            Error(key, node, $"expected a list, found {Describe(node)}");
            return null;
        }
        for (int i = 0; i < seq.Children.Count; i++) _marks[Join(key, i.ToString(CultureInfo.InvariantCulture))] = Where(seq.Children[i]);
        return seq.Children.ToList();
    }

    public string? Scalar(YamlNode node, string key)
    {
        if (node is YamlScalarNode s && s.Value is not null) return s.Value;
        Error(key, node, $"expected a single value, found {Describe(node)}");
        return null;
    }

    public SimDuration? Duration(YamlNode node, string key)
    {
        var text = Scalar(node, key);
        if (text is null) return null;
        if (DurationText.TryParse(text, out var d, out var error)) return d;
        Error(key, node, error);
        return null;
    }

    public Bandwidth? Bandwidth(YamlNode node, string key)
    {
        var text = Scalar(node, key);
        if (text is null) return null;
        if (BandwidthText.TryParse(text, out var b, out var error)) return b;
        Error(key, node, error);
        return null;
    }

    public double? Number(YamlNode node, string key)
    {
        var text = Scalar(node, key);
        if (text is null) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) return v;
        Error(key, node, $"'{text}' is not a number");
        return null;
    }

    public int? Integer(YamlNode node, string key)
    {
        var text = Scalar(node, key);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) return v;
        Error(key, node, $"'{text}' is not a whole number");
        return null;
    }

    /// <summary>
    /// A distribution: either a tagged mapping (<c>{dist: lognormal, median: 2ms, p99: 9ms}</c>) or a
    /// single value, read as a constant.
    /// </summary>
    public DistributionSpec? Distribution(YamlNode node, string key, QuantityKind quantity)
    {
        if (node is YamlScalarNode)
        {
            var text = Scalar(node, key);
            if (text is null) return null;
            if (!QuantityText.TryParse(text, quantity, out var v, out var error)) { Error(key, node, error); return null; }
            // A duration or a size cannot be negative; a tagged distribution's parameters are checked by DistributionSpec.Problems.
            if (v < 0 && quantity != QuantityKind.Number) { Error(key, node, $"'{text}' is negative; it must be 0 or more"); return null; }
            return DistributionSpec.Constant(v, quantity);
        }
        var entries = Mapping(node, key);
        if (entries is null) return null;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var (k, v) in entries)
        {
            var text = Scalar(v, Join(key, k));
            if (text is not null) fields.Add(new(k, text));
        }
        var errors = new List<SpecError>();
        var spec = DistributionText.Parse(fields, quantity, key, errors);
        AddSpecErrors(errors);
        return spec;
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{Diagnostic.Printable(s.Value ?? "", 60)}'",
        _ => "something else",
    };
}

/// <summary>Where something was written: a file (or <c>--set</c>) and a position in it.</summary>
public readonly record struct Location(string File, Mark Mark);
