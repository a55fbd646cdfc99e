using System.Globalization;
using System.Text.RegularExpressions;

namespace Sim.Experiments.Tests.Fuzz;

/// <summary>One mutation as the generator drew it: which kind, and two numbers that pick what it touches and how.</summary>
internal readonly record struct Mutation(int Kind, int A, int B);

/// <summary>
/// Applies drawn mutations to a shipped file's tree: values, units, keys, structure, aliases, tags, and
/// (after writing the text) a second document, a NUL byte, a cut, a tab. What each did is recorded, so a
/// failing input can be read back.
/// </summary>
internal static class InputMutator
{
    public const int TreeKinds = 13;
    public const int TextKinds = 4;

    /// <summary>Values a careless or hostile user writes: wrong signs, units, sizes, types, escapes, huge text.</summary>
    private static readonly string[] Nasty =
    [
        "-1", "-5ms", "0", "0s", "1e12", "1e308", "1e309", "-0", "NaN", "Infinity", "1TiB", "1us", "1ns", "168h", "", "~", "null", "true",
        "abc", "10 parsecs", "2147483648", "1000000000", "-2147483649", "0x10", "1e-300", "\u001b[31mred", "tab\there", "line\nbreak",
        "a\0b", "../../etc/passwd", "/dev/zero", "..", ".", "[a, b]", "{x: 1}", "*a", "&a", "!tag", "%", "@", "`", "5 ms", "5MS", "1/s",
        "1e12/s", "-3/s", new string('x', 5000), "leader-of:nothing/9", "all", "-1ms", "9999999999999999999999ms",
    ];

    private static readonly string[] Units = ["ns", "us", "ms", "s", "m", "h", "d", "B", "KiB", "MiB", "GiB", "TiB", "Mbps", "Gbps", "/s", "/min", "%", ""];

    private static readonly string[] Tags = ["!!str", "!!int", "!custom", "!!map", "!!seq", "!!binary", "!<tag:yaml.org,2002:str>", "!", "!!python/object"];

    private static readonly Regex WithUnit = new("^(-?[0-9.]+)([A-Za-z/%]*)$", RegexOptions.CultureInvariant);

    /// <summary>Applies the tree mutations, writes the text, then applies the text mutations; <paramref name="log"/> says what was done.</summary>
    public static string Apply(FuzzNode root, IReadOnlyList<Mutation> mutations, IReadOnlyList<string> keyPool, List<string> log)
    {
        foreach (var m in mutations.Where(m => m.Kind < TreeKinds)) log.Add(Tree(root, m, keyPool));
        var text = root.Write();
        foreach (var m in mutations.Where(m => m.Kind >= TreeKinds)) text = Text(text, m, log);
        return text;
    }

    private static T Pick<T>(IReadOnlyList<T> list, int n) => list[(int)((uint)n % (uint)list.Count)];

    private static string Tree(FuzzNode root, Mutation m, IReadOnlyList<string> keyPool)
    {
        var all = root.Walk().ToList();
        var (node, parent) = Pick(all, m.A);
        var scalars = all.Where(x => x.Node.Kind == FuzzNode.NodeKind.Scalar).ToList();
        var maps = all.Where(x => x.Node.Kind == FuzzNode.NodeKind.Map).ToList();
        switch (m.Kind)
        {
            case 0 when scalars.Count > 0:
            {
                var s = Pick(scalars, m.A).Node;
                var old = s.Text;
                s.Text = Pick(Nasty, m.B);
                return $"value '{Short(old)}' -> '{Short(s.Text)}'";
            }
            case 1 when scalars.Count > 0:
            {
                var s = Pick(scalars.Where(x => WithUnit.IsMatch(x.Node.Text)).ToList() is { Count: > 0 } u ? u : scalars, m.A).Node;
                var match = WithUnit.Match(s.Text);
                var old = s.Text;
                s.Text = (match.Success ? match.Groups[1].Value : s.Text) + Pick(Units, m.B);
                return $"unit '{Short(old)}' -> '{Short(s.Text)}'";
            }
            case 2 when scalars.Count > 0:
            {
                var s = Pick(scalars.Where(x => WithUnit.IsMatch(x.Node.Text)).ToList() is { Count: > 0 } u ? u : scalars, m.A).Node;
                var match = WithUnit.Match(s.Text);
                if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)) return "scale: no number";
                double factor = Pick(new[] { -1.0, 0, 1e3, 1e6, 1e9, 1e15, 1e-6 }, m.B);
                var old = s.Text;
                s.Text = (x * factor).ToString("R", CultureInfo.InvariantCulture) + match.Groups[2].Value;
                return $"scale '{Short(old)}' -> '{Short(s.Text)}'";
            }
            case 3 when maps.Count > 0:
            {
                var map = Pick(maps, m.A).Node;
                if (map.Entries.Count == 0) return "rename: empty mapping";
                int i = (int)((uint)m.B % (uint)map.Entries.Count);
                var (key, value) = map.Entries[i];
                string renamed = (m.B / 7 % 3) switch
                {
                    0 when key.Length > 1 => key.Remove(m.B % key.Length, 1),
                    1 => key.Insert(m.B % (key.Length + 1), ((char)('a' + m.B % 26)).ToString()),
                    _ => Pick(keyPool, m.B / 3),
                };
                map.Entries[i] = (renamed, value);
                return $"key '{Short(key)}' -> '{Short(renamed)}'";
            }
            case 4 when maps.Count > 0:
            {
                var map = Pick(maps, m.A).Node;
                if (map.Entries.Count == 0) return "delete: empty mapping";
                int i = (int)((uint)m.B % (uint)map.Entries.Count);
                var key = map.Entries[i].Key;
                map.Entries.RemoveAt(i);
                return $"deleted '{Short(key)}'";
            }
            case 5 when parent is not null:
            {
                var source = Pick(all, m.B).Node.Clone();
                parent.Replace(node, source);
                return $"copied a {source.Kind} over a {node.Kind}";
            }
            case 6 when parent is not null:
            {
                FuzzNode changed = node.Kind switch
                {
                    FuzzNode.NodeKind.Scalar => m.B % 2 == 0 ? FuzzNode.Seq([node]) : FuzzNode.Map([(node.Text, FuzzNode.Scalar("x"))]),
                    FuzzNode.NodeKind.Map => m.B % 2 == 0 ? FuzzNode.Scalar("x") : FuzzNode.Seq(node.Entries.Select(e => e.Value)),
                    _ => FuzzNode.Map([("k", node)]),
                };
                parent.Replace(node, changed);
                return $"{node.Kind} -> {changed.Kind}";
            }
            case 7 when parent is not null:
            {
                int levels = (int)((uint)m.B % 90);
                var wrapped = node;
                for (int l = 0; l < levels; l++) wrapped = l % 2 == 0 ? FuzzNode.Seq([wrapped]) : FuzzNode.Map([("n", wrapped)]);
                parent.Replace(node, wrapped);
                return $"nested {levels} levels";
            }
            case 8 when parent is not null:
            {
                // An anchor somewhere and an alias to it somewhere else: before it, after it, or inside it (a cycle).
                var (target, targetParent) = Pick(all, m.B);
                target.Anchor ??= $"a{(uint)m.B % 1000}";
                if (ReferenceEquals(target, node)) return "alias: same node";
                parent.Replace(node, new FuzzNode { Kind = FuzzNode.NodeKind.Alias, Text = target.Anchor });
                return $"alias *{target.Anchor} over a {node.Kind}" + (targetParent is null ? " (anchor on the root)" : "");
            }
            case 9:
                node.Tag = Pick(Tags, m.B);
                return $"tag {node.Tag} on a {node.Kind}";
            case 10:
            {
                int levels = 1 + (int)((uint)m.B % 9);
                var laughs = new List<(string, FuzzNode)> { ("l0", FuzzNode.Seq(Enumerable.Range(0, 9).Select(_ => FuzzNode.Scalar("lol")))) };
                laughs[0].Item2.Anchor = "l0";
                for (int l = 1; l <= levels; l++)
                    laughs.Add(($"l{l}", new FuzzNode { Kind = FuzzNode.NodeKind.Seq, Anchor = $"l{l}" }.With(Enumerable.Range(0, 9).Select(_ => new FuzzNode { Kind = FuzzNode.NodeKind.Alias, Text = $"l{l - 1}" }))));
                if (root.Kind == FuzzNode.NodeKind.Map) root.Entries.InsertRange(0, laughs);
                return $"{levels} levels of laughs";
            }
            case 11 when maps.Count > 0:
            {
                var map = Pick(maps, m.A).Node;
                var key = Pick(keyPool, m.B);
                map.Entries.Add((key, FuzzNode.Scalar(Pick(Nasty, m.B / 5))));
                return $"added '{Short(key)}'";
            }
            case 12 when maps.Count > 0:
            {
                // Many unknown keys at once: diagnostics are counted past what is kept and printed.
                var map = Pick(maps, m.A).Node;
                int n = 1 + (int)((uint)m.B % 1000);
                for (int i = 0; i < n; i++) map.Entries.Add(($"unknown{i}", FuzzNode.Scalar("1")));
                return $"added {n} unknown keys";
            }
        }
        return $"mutation {m.Kind}: nothing to touch";
    }

    private static string Text(string text, Mutation m, List<string> log)
    {
        int at = text.Length == 0 ? 0 : (int)((uint)m.A % (uint)text.Length);
        switch (m.Kind - TreeKinds)
        {
            case 0:
                log.Add("second document");
                return text + "---\nname: second\n";
            case 1:
                log.Add($"NUL at {at}");
                return text.Insert(at, "\0");
            case 2:
                log.Add($"cut at {at}");
                return text[..at];
            default:
                log.Add($"tab at {at}");
                return text.Insert(at, "\t");
        }
    }

    private static FuzzNode With(this FuzzNode node, IEnumerable<FuzzNode> items)
    {
        node.Items.AddRange(items);
        return node;
    }

    private static string Short(string s) => s.Length <= 40 ? s.Replace("\n", "\\n", StringComparison.Ordinal) : s[..40] + "...";
}
