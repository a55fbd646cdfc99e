using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Yaml;

/// <summary>
/// A YAML tree that keys can be written into by path (<c>topics.orders.min.insync.replicas</c>,
/// <c>workload.producers.0.config.acks</c>, <c>network.links.a/b.rtt</c>), remembering where every node was
/// written so that problems are reported in the experiment file, on a sweep's line or against a
/// <c>--set</c> option. Kafka's keys contain dots, so a path is matched against the keys a mapping
/// already has, longest first; a key the file left out may be added only as the last step of a path.
/// </summary>
public sealed class YamlTree
{
    /// <summary>Sections that a path may create when the file left them out, so <c>architectures.x.broker.min.insync.replicas</c> works without a <c>broker:</c> block.</summary>
    private static readonly HashSet<string> Sections = new(StringComparer.Ordinal)
    {
        "broker", "mirror", "failover", "config", "tier", "network", "links", "cluster", "primary_cluster", "standby_cluster",
        "regional_cluster", "aggregate_cluster", "spoke_cluster", "hub_cluster", "hub_standby_cluster", "production_cluster", "observer_cluster",
        "controllers", "prices", "outputs", "limits",
    };

    /// <summary>
    /// Sections whose keys are configuration names (server.properties, producer or MirrorMaker 2 keys), which
    /// may start like a section (<c>broker.session.timeout.ms</c>): inside them the rest of a path is one key.
    /// </summary>
    private static readonly HashSet<string> KeySections = new(StringComparer.Ordinal) { "broker", "config", "mirror", "tier", "failover" };

    /// <summary>Mappings whose children are named structures (a link, a topic, an architecture), so a path may create a child by name.</summary>
    private static readonly HashSet<string> Collections = new(StringComparer.Ordinal) { "links", "topics", "architectures" };

    private readonly Dictionary<YamlNode, Location> _origins;

    private YamlTree(YamlNode root, Dictionary<YamlNode, Location> origins)
    {
        Root = root;
        _origins = origins;
    }

    public YamlNode Root { get; }

    public IReadOnlyDictionary<YamlNode, Location> Origins => _origins;

    /// <summary>A tree over a parsed file; nodes keep their positions in <paramref name="file"/>.</summary>
    public static YamlTree Of(string file, YamlNode root)
    {
        var origins = new Dictionary<YamlNode, Location>(ReferenceEqualityComparer.Instance);
        var copy = Copy(root, n => new Location(file, n.Start), origins);
        return new YamlTree(copy, origins);
    }

    /// <summary>How many nodes the tree holds (aliases expanded): what one copy of it costs.</summary>
    public int NodeCount => _origins.Count;

    /// <summary>
    /// A deep copy that can be written into without touching this one, leaving out the top-level key
    /// <paramref name="without"/> (a sweep point's copy needs no copy of the sweep's values).
    /// </summary>
    public YamlTree Clone(string? without = null)
    {
        var origins = new Dictionary<YamlNode, Location>(ReferenceEqualityComparer.Instance);
        YamlNode copy;
        if (without is not null && Root is YamlMappingNode map)
        {
            var top = new YamlMappingNode();
            foreach (var (k, v) in map.Children)
            {
                if (k is YamlScalarNode { Value: { } name } && name == without) continue;
                top.Children.Add(Copy(k, n => _origins[n], origins), Copy(v, n => _origins[n], origins));
            }
            origins[top] = _origins[Root];
            copy = top;
        }
        else copy = Copy(Root, n => _origins[n], origins);
        return new YamlTree(copy, origins);
    }

    /// <summary>
    /// Parses a value written on the command line or in a sweep (<c>20ms</c>, <c>[a, b]</c>, <c>{rtt: 2ms}</c>) within
    /// <paramref name="limits"/>; <paramref name="problem"/> says why a value was refused (an alias to itself, too deep).
    /// </summary>
    public static YamlNode ParseValue(string text, out string? problem, YamlLimits? limits = null)
    {
        problem = null;
        var problems = new List<Diagnostic>();
        var verdict = YamlGuard.Check("--set", text, limits ?? YamlLimits.Default, problems);
        if (verdict == YamlVerdict.Refused)
        {
            problem = problems[0].Message;
            return new YamlScalarNode("");
        }
        try
        {
            var stream = new YamlStream();
            if (verdict == YamlVerdict.Ok) stream.Load(new StringReader(text));
            if (stream.Documents.Count > 0) return stream.Documents[0].RootNode;
        }
        catch (YamlException)
        {
            // A key written twice ({a: 1, a: 2}) is found only when the tree is built; the text is taken as it is.
        }
        // A value that is not valid YAML on its own is taken as the plain text it is.
        return new YamlScalarNode(text);
    }

    /// <summary>
    /// Writes <paramref name="value"/> at <paramref name="path"/>, every new node placed at <paramref name="origin"/>.
    /// Returns null on success, or why the path does not lead anywhere in this file.
    /// </summary>
    public string? Set(string path, YamlNode value, Location origin)
    {
        var copy = Copy(value, _ => origin, _origins);
        var at = new SetCursor(Root, "", path);
        while (true)
        {
            string? problem;
            bool done;
            if (at.Node is YamlMappingNode map) done = SetInMapping(map, ref at, copy, origin, out problem);
            else if (at.Node is YamlSequenceNode seq) done = SetInSequence(seq, ref at, copy, out problem);
            else return $"'{at.Walked}' is a single value, so it has no key '{at.Rest}'";
            if (done) return problem;
        }
    }

    /// <summary>Where <see cref="Set"/> stands: the node reached, the path walked to it, and the path still to walk.</summary>
    private record struct SetCursor(YamlNode Node, string Walked, string Rest);

    /// <summary>One step of <see cref="Set"/> in a mapping: writes the value (true) or moves the cursor one key down (false).</summary>
    private bool SetInMapping(YamlMappingNode map, ref SetCursor at, YamlNode copy, Location origin, out string? problem)
    {
        problem = null;
        var (key, remainder) = Match(map, at.Rest);
        if (key is null)
        {
            int dot = at.Rest.IndexOf('.');
            string first = dot < 0 ? at.Rest : at.Rest[..dot];
            string parent = at.Walked[(at.Walked.LastIndexOf('.') + 1)..];
            // A key the file already holds with a single value (a scalar, or an alias to one) is not opened as a
            // section: the longer key goes beside it, as `timeseries.interval` beside `timeseries`.
            bool held = map.Children.Keys.Any(k => k is YamlScalarNode { Value: { } v } && v == first);
            if (dot >= 0 && !held && !KeySections.Contains(parent) && (Sections.Contains(first) || Collections.Contains(parent)))
            {
                var section = new YamlMappingNode();
                _origins[section] = origin;
                var name = new YamlScalarNode(first);
                _origins[name] = origin;
                map.Children.Add(name, section);
                at = new SetCursor(section, YamlReader.Join(at.Walked, first), at.Rest[(dot + 1)..]);
                return false;
            }
            // The rest of the path is one key the file left out; the reader decides whether it is a known one.
            var leaf = new YamlScalarNode(at.Rest);
            _origins[leaf] = origin;
            map.Children.Add(leaf, copy);
            return true;
        }
        if (remainder is null)
        {
            // The key is re-written too, in its place, so a problem with the new value is reported where the value came from.
            var written = new YamlScalarNode(((YamlScalarNode)key).Value);
            _origins[written] = origin;
            int index = map.Children.Keys.ToList().IndexOf(key);
            map.Children.RemoveAt(index);
            map.Children.Insert(index, written, copy);
            return true;
        }
        at = new SetCursor(map.Children[key], YamlReader.Join(at.Walked, ((YamlScalarNode)key).Value!), remainder);
        return false;
    }

    /// <summary>One step of <see cref="Set"/> in a list: the next path segment is an item number.</summary>
    private static bool SetInSequence(YamlSequenceNode seq, ref SetCursor at, YamlNode copy, out string? problem)
    {
        problem = null;
        int dot = at.Rest.IndexOf('.');
        string first = dot < 0 ? at.Rest : at.Rest[..dot];
        if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index >= seq.Children.Count)
        {
            problem = $"'{YamlReader.Join(at.Walked, first)}' is not an item of the list at '{at.Walked}' (it has {seq.Children.Count} items, numbered from 0)";
            return true;
        }
        if (dot < 0)
        {
            seq.Children[index] = copy;
            return true;
        }
        at = new SetCursor(seq.Children[index], YamlReader.Join(at.Walked, first), at.Rest[(dot + 1)..]);
        return false;
    }

    /// <summary>Reads the scalar at <paramref name="path"/> if the file has one there.</summary>
    public YamlNode? Get(string path)
    {
        YamlNode node = Root;
        string rest = path;
        while (true)
        {
            if (node is YamlMappingNode map)
            {
                var (key, remainder) = Match(map, rest);
                if (key is null) return null;
                if (remainder is null) return map.Children[key];
                node = map.Children[key];
                rest = remainder;
            }
            else if (node is YamlSequenceNode seq)
            {
                int dot = rest.IndexOf('.');
                string first = dot < 0 ? rest : rest[..dot];
                if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index >= seq.Children.Count) return null;
                if (dot < 0) return seq.Children[index];
                node = seq.Children[index];
                rest = rest[(dot + 1)..];
            }
            else return null;
        }
    }

    /// <summary>The longest key of <paramref name="map"/> that <paramref name="path"/> starts with, and what follows it (null when the key is the whole path).</summary>
    private static (YamlNode? Key, string? Remainder) Match(YamlMappingNode map, string path)
    {
        YamlNode? best = null;
        int bestLength = -1;
        foreach (var (k, v) in map.Children)
        {
            if (k is not YamlScalarNode { Value: { } name }) continue;
            bool whole = path == name;
            // A key holding a single value has no keys below it: `timeseries.interval` is a key beside `timeseries`.
            bool prefix = v is not YamlScalarNode && path.Length > name.Length && path.StartsWith(name, StringComparison.Ordinal) && path[name.Length] == '.';
            if ((whole || prefix) && name.Length > bestLength)
            {
                best = k;
                bestLength = name.Length;
            }
        }
        if (best is null) return (null, null);
        return bestLength == path.Length ? (best, null) : (best, path[(bestLength + 1)..]);
    }

    private static YamlNode Copy(YamlNode node, Func<YamlNode, Location> where, Dictionary<YamlNode, Location> origins)
    {
        YamlNode copy = node switch
        {
            YamlMappingNode map => CopyMapping(map, where, origins),
            YamlSequenceNode seq => new YamlSequenceNode(seq.Children.Select(c => Copy(c, where, origins))) { Style = seq.Style },
            YamlScalarNode s => new YamlScalarNode(s.Value) { Style = s.Style },
            _ => throw new ArgumentException($"unsupported YAML node {node.GetType().Name}"),
        };
        origins[copy] = where(node);
        return copy;
    }

    private static YamlMappingNode CopyMapping(YamlMappingNode map, Func<YamlNode, Location> where, Dictionary<YamlNode, Location> origins)
    {
        var copy = new YamlMappingNode();
        foreach (var (k, v) in map.Children) copy.Children.Add(Copy(k, where, origins), Copy(v, where, origins));
        return copy;
    }
}
