using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Sim.Experiments.Tests.Fuzz;

/// <summary>
/// A YAML tree the fuzzer can mutate freely: mappings, lists, scalars and aliases, each node with an
/// optional anchor and tag, written back to text by <see cref="Write"/> (top-level keys in block style,
/// everything below in flow style), so aliases, tags and structures no shipped file holds can be produced.
/// </summary>
internal sealed class FuzzNode
{
    public enum NodeKind { Map, Seq, Scalar, Alias }

    public NodeKind Kind { get; set; }
    public List<(string Key, FuzzNode Value)> Entries { get; } = [];
    public List<FuzzNode> Items { get; } = [];
    public string Text { get; set; } = "";
    public string? Anchor { get; set; }
    public string? Tag { get; set; }

    public static FuzzNode Scalar(string text) => new() { Kind = NodeKind.Scalar, Text = text };

    public static FuzzNode Of(YamlNode node) => node switch
    {
        YamlMappingNode m => Map(m.Children.Select(kv => (((YamlScalarNode)kv.Key).Value ?? "", Of(kv.Value)))),
        YamlSequenceNode s => Seq(s.Children.Select(Of)),
        YamlScalarNode s => Scalar(s.Value ?? ""),
        _ => Scalar(""),
    };

    public static FuzzNode Map(IEnumerable<(string, FuzzNode)> entries)
    {
        var n = new FuzzNode { Kind = NodeKind.Map };
        n.Entries.AddRange(entries);
        return n;
    }

    public static FuzzNode Seq(IEnumerable<FuzzNode> items)
    {
        var n = new FuzzNode { Kind = NodeKind.Seq };
        n.Items.AddRange(items);
        return n;
    }

    public FuzzNode Clone()
    {
        var c = new FuzzNode { Kind = Kind, Text = Text, Anchor = Anchor, Tag = Tag };
        c.Entries.AddRange(Entries.Select(e => (e.Key, e.Value.Clone())));
        c.Items.AddRange(Items.Select(i => i.Clone()));
        return c;
    }

    /// <summary>Every node of the tree, depth first, with its parent (null for the root).</summary>
    public IEnumerable<(FuzzNode Node, FuzzNode? Parent)> Walk()
    {
        var stack = new Stack<(FuzzNode, FuzzNode?)>();
        stack.Push((this, null));
        while (stack.Count > 0)
        {
            var (n, p) = stack.Pop();
            yield return (n, p);
            foreach (var (_, v) in n.Entries) stack.Push((v, n));
            foreach (var i in n.Items) stack.Push((i, n));
        }
    }

    /// <summary>Replaces the child <paramref name="old"/> of this node by <paramref name="replacement"/>.</summary>
    public void Replace(FuzzNode old, FuzzNode replacement)
    {
        for (int i = 0; i < Entries.Count; i++)
            if (ReferenceEquals(Entries[i].Value, old)) Entries[i] = (Entries[i].Key, replacement);
        for (int i = 0; i < Items.Count; i++)
            if (ReferenceEquals(Items[i], old)) Items[i] = replacement;
    }

    public string Write()
    {
        var sb = new StringBuilder();
        if (Kind == NodeKind.Map && Anchor is null && Tag is null)
        {
            foreach (var (k, v) in Entries)
            {
                sb.Append(Quote(k)).Append(": ");
                v.WriteFlow(sb);
                sb.Append('\n');
            }
        }
        else
        {
            WriteFlow(sb);
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private void WriteFlow(StringBuilder sb)
    {
        if (Tag is not null) sb.Append(Tag).Append(' ');
        if (Anchor is not null) sb.Append('&').Append(Anchor).Append(' ');
        switch (Kind)
        {
            case NodeKind.Alias:
                sb.Append('*').Append(Text);
                break;
            case NodeKind.Scalar:
                sb.Append(Quote(Text));
                break;
            case NodeKind.Seq:
                sb.Append('[');
                for (int i = 0; i < Items.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Items[i].WriteFlow(sb);
                }
                sb.Append(']');
                break;
            default:
                sb.Append('{');
                for (int i = 0; i < Entries.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append(Quote(Entries[i].Key)).Append(": ");
                    Entries[i].Value.WriteFlow(sb);
                }
                sb.Append('}');
                break;
        }
    }

    private static readonly Regex Plain = new("^[A-Za-z0-9_][A-Za-z0-9_./+-]*$", RegexOptions.CultureInvariant);

    /// <summary>A scalar as plain text when that reads back the same, otherwise double-quoted with escapes.</summary>
    private static string Quote(string text)
    {
        if (Plain.IsMatch(text)) return text;
        var sb = new StringBuilder("\"");
        foreach (char c in text)
        {
            if (c == '"' || c == '\\') sb.Append('\\').Append(c);
            else if (char.IsControl(c) || char.IsSurrogate(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
