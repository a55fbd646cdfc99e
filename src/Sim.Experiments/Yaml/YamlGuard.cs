using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sim.Experiments.Yaml;

/// <summary>What <see cref="YamlGuard.Check"/> found: nothing, a syntax error, or input refused for what it holds.</summary>
public enum YamlVerdict
{
    Ok,
    SyntaxError,
    Refused,
}

/// <summary>
/// Walks a YAML text's parsing events once, before anything is built from it, and refuses what the loader
/// must never build: nesting deeper than <see cref="YamlLimits.Depth"/> (the tree is built recursively), an
/// alias to itself or to an anchor still open (<c>bomb: &amp;a [*a]</c>, which would expand forever), more
/// nodes than <see cref="YamlLimits.Nodes"/> once aliases are expanded (the billion laughs), a second
/// document, a tag other than YAML's core ones, and a NUL byte. The parser itself is a state machine with
/// its own stack, so this walk is bounded by the text's length whatever it holds.
/// </summary>
public static class YamlGuard
{
    /// <summary>The core schema's tags, which only restate what a plain value already is.</summary>
    private static readonly HashSet<string> CoreTags = new(StringComparer.Ordinal)
    {
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
    };

    /// <summary>One open mapping or list: the nodes counted inside it so far, the deepest nesting below it, and its anchor.</summary>
    private sealed class Frame(string? anchor)
    {
        public string? Anchor { get; } = anchor;
        public long Nodes { get; set; }
        public int Below { get; set; }
    }

    /// <summary>Checks <paramref name="text"/>; every problem goes to <paramref name="problems"/>, the walk stops at the first.</summary>
    public static YamlVerdict Check(string file, string text, YamlLimits limits, ICollection<Diagnostic> problems)
    {
        if (RefuseRawText(file, text, limits, problems)) return YamlVerdict.Refused;
        var scanner = new Scanner(new StringReader(text));
        var parser = new Parser(scanner);
        var walk = new Walk(file, limits, problems);
        try
        {
            while (parser.MoveNext())
            {
                if (!walk.Visit(parser.Current!)) return YamlVerdict.Refused;
            }
        }
        catch (YamlException ex)
        {
            problems.Add(SyntaxError(file, ex, scanner.CurrentPosition));
            return YamlVerdict.SyntaxError;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on a flow mapping or list left open.
            var at = scanner.CurrentPosition;
            problems.Add(new Diagnostic(file, (int)at.Line, (int)at.Column, "", "YAML syntax error: an opening '{' or '[' is never closed"));
            return YamlVerdict.SyntaxError;
        }
        return YamlVerdict.Ok;
    }

    /// <summary>Refuses, before parsing, a text longer than the file budget or holding a NUL byte.</summary>
    private static bool RefuseRawText(string file, string text, YamlLimits limits, ICollection<Diagnostic> problems)
    {
        if (text.Length > limits.FileBytes)
        {
            problems.Add(new Diagnostic(file, 0, 0, "", $"{text.Length} characters is more than limits.file_size ({limits.FileBytes} bytes): raise it with --set limits.file_size=N"));
            return true;
        }
        int nul = text.IndexOf('\0');
        if (nul < 0) return false;
        int line = 1 + text.AsSpan(0, nul).Count('\n');
        int column = nul - (text.LastIndexOf('\n', Math.Max(0, nul - 1)) + 1) + 1;
        problems.Add(new Diagnostic(file, line, column, "", "the file holds a NUL byte: it is not a YAML text file"));
        return true;
    }

    /// <summary>
    /// The state of one walk over a text's parsing events: the collections still open, what each anchor
    /// expands to, the nodes counted so far and the documents seen. <see cref="Visit"/> returns false once
    /// it has refused the text.
    /// </summary>
    private sealed class Walk(string file, YamlLimits limits, ICollection<Diagnostic> problems)
    {
        private readonly List<Frame> _open = [];
        // Per anchor: the nodes it expands to and how deep it nests, so an alias costs what it would copy.
        private readonly Dictionary<string, (long Nodes, int Depth)> _anchors = new(StringComparer.Ordinal);
        private long _total;
        private int _documents;

        public bool Visit(ParsingEvent e) => e switch
        {
            DocumentStart ds => OnDocumentStart(ds),
            AnchorAlias alias => OnAlias(alias),
            Scalar s => OnScalar(s),
            NodeEvent start and (MappingStart or SequenceStart) => OnCollectionStart(start),
            MappingEnd or SequenceEnd => OnCollectionEnd(e),
            _ => true,
        };

        private bool OnDocumentStart(DocumentStart ds)
        {
            if (++_documents <= 1) return true;
            return Refuse(ds.Start, "a second YAML document ('---'): a file holds one document; put it in a file of its own");
        }

        private bool OnAlias(AnchorAlias alias)
        {
            string name = alias.Value.Value;
            if (_open.Any(f => f.Anchor == name))
                return Refuse(alias.Start, $"alias *{name} refers to the node it is inside, so it would expand forever");
            if (!_anchors.TryGetValue(name, out var anchored))
                return Refuse(alias.Start, $"alias *{name} refers to no anchor &{name} written before it");
            return Add(anchored.Nodes, anchored.Depth, alias.Start);
        }

        private bool OnScalar(Scalar s)
        {
            if (!TagIsCore(s.Tag, s.Start)) return false;
            if (!Add(1, 0, s.Start)) return false;
            if (!s.Anchor.IsEmpty) _anchors[s.Anchor.Value] = (1, 0);
            return true;
        }

        private bool OnCollectionStart(NodeEvent start)
        {
            if (!TagIsCore(start.Tag, start.Start)) return false;
            if (_open.Count + 1 > limits.Depth)
                return Refuse(start.Start, $"nested more than limits.depth ({limits.Depth}) levels deep: raise it with --set limits.depth=N if the file really nests this deep");
            _open.Add(new Frame(start.Anchor.IsEmpty ? null : start.Anchor.Value));
            return true;
        }

        private bool OnCollectionEnd(ParsingEvent e)
        {
            var frame = _open[^1];
            _open.RemoveAt(_open.Count - 1);
            if (frame.Anchor is { } a) _anchors[a] = (frame.Nodes + 1, frame.Below + 1);
            // The collection itself was not counted when it opened; it is counted with what it held.
            _total -= frame.Nodes;
            return Add(frame.Nodes + 1, frame.Below + 1, e.Start);
        }

        private bool TagIsCore(TagName tag, Mark at)
        {
            if (tag.IsEmpty || tag.IsNonSpecific || CoreTags.Contains(tag.Value)) return true;
            return Refuse(at, $"unknown tag '{tag.Value}': the simulator reads plain values, mappings and lists (remove the tag)");
        }

        // Counts a finished node (expanded) into the collection holding it, refusing past the depth and node budgets.
        private bool Add(long nodes, int depth, Mark at)
        {
            _total += nodes;
            if (_total > limits.Nodes)
            {
                return Refuse(at, $"the file expands to more than limits.yaml_nodes ({limits.Nodes}) nodes with its aliases expanded: " +
                                  "raise it with --set limits.yaml_nodes=N if it really is this large");
            }
            if (_open.Count + depth > limits.Depth)
                return Refuse(at, $"with its aliases expanded, the file nests more than limits.depth ({limits.Depth}) levels deep: raise it with --set limits.depth=N");
            if (_open.Count > 0)
            {
                _open[^1].Nodes += nodes;
                _open[^1].Below = Math.Max(_open[^1].Below, depth);
            }
            return true;
        }

        /// <summary>Records the problem at <paramref name="at"/>; always false, so a check can return it.</summary>
        private bool Refuse(Mark at, string message)
        {
            problems.Add(new Diagnostic(file, (int)at.Line, (int)at.Column, "", message));
            return false;
        }
    }

    /// <summary>A YAML syntax error at its place; <paramref name="stoppedAt"/> stands in when YamlDotNet gives none.</summary>
    public static Diagnostic SyntaxError(string file, YamlException e, Mark stoppedAt)
    {
        var message = e.InnerException?.Message ?? e.Message;
        // YamlDotNet prefixes messages with the location it also reports in Start; keep the sentence.
        int idx = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && idx > 0) message = message[(idx + 3)..];
        // Some scanner errors (a tab in indentation) come without a position; the scanner knows where it stopped.
        var at = e.Start.Index == 0 ? stoppedAt : e.Start;
        return new Diagnostic(file, (int)at.Line, (int)at.Column, "", "YAML syntax error: " + message);
    }
}
