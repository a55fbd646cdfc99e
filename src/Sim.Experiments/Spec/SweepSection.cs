using System.Globalization;
using Sim.Core;
using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Experiments.Yaml;
using YamlDotNet.RepresentationModel;
using Sim.Experiments.Text;

namespace Sim.Experiments.Spec;

/// <summary>One value a sweep gives a key at one point, with where the sweep wrote it.</summary>
public sealed record Assignment(string Key, YamlNode Value, Location Origin)
{
    /// <summary>The value as text for tables: the scalar itself, or compact YAML for a list or mapping.</summary>
    public string Text => YamlText.Compact(Value);
}

/// <summary>
/// The <c>sweep</c> section expanded into points. <c>grid</c> axes multiply; <c>zip</c> axes advance
/// together and count as one axis; <c>random</c> and <c>latin_hypercube</c> draw <c>samples</c> points over
/// ranges (<c>{min: 2ms, max: 40ms}</c>) or choices (<c>[a, b]</c>) from the <c>sweep</c> RNG stream of the
/// master seed, and count as one axis. Points are the product of all axes, the first-written axis
/// varying slowest, so a sweep over <c>architecture</c> written first groups runs by architecture.
/// </summary>
internal static class SweepSection
{
    internal static readonly string[] Keys = ["grid", "zip", "random", "latin_hypercube"];
    internal static readonly string[] SampleKeys = ["samples", "keys"];
    internal static readonly string[] RangeKeys = ["min", "max"];

    /// <summary>
    /// The keys swept, in file order, and the assignments of each point. The number of points is the product
    /// of the axes' lengths, computed before any point is built: past <paramref name="maxPoints"/>
    /// (<c>limits.points</c>) the sweep is refused and no point is returned.
    /// </summary>
    public static (List<string> Keys, List<List<Assignment>> Points) Read(YamlReader r, YamlTree tree, YamlNode? node, ulong seed, long maxPoints)
    {
        var keys = new List<string>();
        var axes = new List<List<List<Assignment>>>();
        if (node is null) return (keys, [[]]);
        foreach (var (kind, value) in r.Mapping(node, "sweep", Keys) ?? [])
        {
            string path = $"sweep.{kind}";
            switch (kind)
            {
                case "grid":
                    foreach (var (key, list) in r.Mapping(value, path) ?? [])
                    {
                        var values = r.Sequence(list, $"{path}.{key}") ?? [];
                        if (values.Count == 0) { r.Error($"{path}.{key}", list, "a swept key needs at least one value"); continue; }
                        keys.Add(key);
                        axes.Add(values.Select(v => new List<Assignment> { new(key, v, tree.Origins[v]) }).ToList());
                    }
                    break;
                case "zip":
                    var zipped = new List<(string Key, IReadOnlyList<YamlNode> Values)>();
                    foreach (var (key, list) in r.Mapping(value, path) ?? [])
                    {
                        if (r.Sequence(list, $"{path}.{key}") is not { } values) continue;
                        if (values.Count == 0) { r.Error($"{path}.{key}", list, "a swept key needs at least one value"); continue; }
                        zipped.Add((key, values));
                    }
                    if (zipped.Count == 0) break;
                    if (zipped.Select(z => z.Values.Count).Distinct().Count() > 1)
                    {
                        r.Error(path, value, $"zipped keys advance together, so their lists must be as long as each other (found {string.Join(", ", zipped.Select(z => $"{z.Key}: {z.Values.Count}"))})");
                        break;
                    }
                    keys.AddRange(zipped.Select(z => z.Key));
                    axes.Add(Enumerable.Range(0, zipped[0].Values.Count)
                        .Select(i => zipped.Select(z => new Assignment(z.Key, z.Values[i], tree.Origins[z.Values[i]])).ToList()).ToList());
                    break;
                default:
                    if (Samples(r, tree, value, path, seed, latin: kind == "latin_hypercube") is { } sampled)
                    {
                        keys.AddRange(sampled.Keys);
                        axes.Add(sampled.Points);
                    }
                    break;
            }
        }
        foreach (var dup in keys.GroupBy(k => k).Where(g => g.Count() > 1))
            r.ErrorAt("sweep", $"'{dup.Key}' is swept more than once");
        double size = axes.Aggregate(1.0, (product, axis) => product * axis.Count);
        if (size > maxPoints)
        {
            r.ErrorAt("sweep", $"the sweep has {string.Join(" x ", axes.Select(a => a.Count))} = {size:0} points, more than limits.points ({maxPoints}): " +
                               "sweep fewer values, or raise it with --set limits.points=N");
            return (keys, []);
        }
        var points = new List<List<Assignment>> { new() };
        foreach (var axis in axes)
            points = points.SelectMany(p => axis.Select(a => (List<Assignment>)[.. p, .. a])).ToList();
        return (keys, points);
    }

    private static (List<string> Keys, List<List<Assignment>> Points)? Samples(YamlReader r, YamlTree tree, YamlNode node, string path, ulong seed, bool latin)
    {
        int samples = 0;
        var ranges = new List<(string Key, YamlNode Spec)>();
        foreach (var (k, v) in r.Mapping(node, path, SampleKeys) ?? [])
        {
            if (k == "samples") samples = Values.Int(r, v, $"{path}.samples", 1, 100_000) ?? 0;
            else ranges.AddRange(r.Mapping(v, $"{path}.keys") ?? []);
        }
        if (samples == 0 || ranges.Count == 0)
        {
            r.Error(path, node, "sampling needs 'samples' (how many points) and 'keys' (each a {min, max} range or a list of choices)");
            return null;
        }
        var rng = new RngStream("sweep", StableHash.Derive(seed, path));
        var columns = new List<List<Assignment>>();
        foreach (var (key, spec) in ranges)
        {
            string kk = $"{path}.keys.{key}";
            var origin = tree.Origins[spec];
            // Latin hypercube sampling: one draw from each of `samples` equal strata, strata shuffled per key.
            var strata = Enumerable.Range(0, samples).ToArray();
            if (latin)
            {
                for (int i = strata.Length - 1; i > 0; i--)
                {
                    int j = (int)(rng.NextDouble() * (i + 1));
                    (strata[i], strata[j]) = (strata[j], strata[i]);
                }
            }
            double Draw(int i) => latin ? (strata[i] + rng.NextDouble()) / samples : rng.NextDouble();
            if (spec is YamlSequenceNode)
            {
                var choices = r.Sequence(spec, kk) ?? [];
                if (choices.Count == 0) { r.Error(kk, spec, "a list of choices needs at least one"); return null; }
                columns.Add(Enumerable.Range(0, samples).Select(i => new Assignment(key, choices[Math.Min(choices.Count - 1, (int)(Draw(i) * choices.Count))], origin)).ToList());
                continue;
            }
            string? min = null, max = null;
            foreach (var (k, v) in r.Mapping(spec, kk, RangeKeys) ?? [])
            {
                if (k == "min") min = r.Scalar(v, $"{kk}.min"); else max = r.Scalar(v, $"{kk}.max");
            }
            if (min is null || max is null) { r.Error(kk, spec, "a range needs 'min' and 'max'"); return null; }
            var interpolate = Interpolator(min, max, out var error);
            if (interpolate is null) { r.Error(kk, spec, error); return null; }
            columns.Add(Enumerable.Range(0, samples).Select(i => new Assignment(key, new YamlScalarNode(interpolate(Draw(i))), origin)).ToList());
        }
        var points = Enumerable.Range(0, samples).Select(i => columns.Select(c => c[i]).ToList()).ToList();
        return (ranges.Select(x => x.Key).ToList(), points);
    }

    /// <summary>Maps u in [0, 1) onto a range given as durations (<c>2ms</c>..<c>40ms</c>), whole numbers or numbers, written back in the same kind.</summary>
    private static Func<double, string>? Interpolator(string min, string max, out string error)
    {
        error = "";
        if (DurationText.TryParse(min, out var dmin, out _) && DurationText.TryParse(max, out var dmax, out _))
        {
            if (dmax < dmin) { error = "max is below min"; return null; }
            // Whole microseconds keep the written values short and exactly reproducible.
            return u => SimDuration.FromMicroseconds((long)Math.Round((dmin.Nanoseconds + u * (dmax.Nanoseconds - dmin.Nanoseconds)) / 1000.0)).ToString();
        }
        bool integers = long.TryParse(min, NumberStyles.Integer, CultureInfo.InvariantCulture, out var imin) & long.TryParse(max, NumberStyles.Integer, CultureInfo.InvariantCulture, out var imax);
        if (integers)
        {
            if (imax < imin) { error = "max is below min"; return null; }
            return u => Math.Min(imax, imin + (long)Math.Floor(u * (imax - imin + 1))).ToString(CultureInfo.InvariantCulture);
        }
        if (QuantityText.TryParse(min, QuantityKind.Number, out var nmin, out _) && QuantityText.TryParse(max, QuantityKind.Number, out var nmax, out _))
        {
            if (nmax < nmin) { error = "max is below min"; return null; }
            return u => (nmin + u * (nmax - nmin)).ToString("0.######", CultureInfo.InvariantCulture);
        }
        error = $"cannot sample between '{min}' and '{max}': give two durations (2ms, 40ms) or two numbers";
        return null;
    }
}

/// <summary>YAML values as short text for tables and file names.</summary>
internal static class YamlText
{
    public static string Compact(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? "",
        YamlSequenceNode seq => "[" + string.Join(", ", seq.Children.Select(Compact)) + "]",
        YamlMappingNode map => "{" + string.Join(", ", map.Children.Select(kv => Compact(kv.Key) + ": " + Compact(kv.Value))) + "}",
        _ => "",
    };
}
