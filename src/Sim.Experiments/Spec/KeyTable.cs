using System.Globalization;
using Sim.Core;
using Sim.Core.Time;
using Sim.Experiments.Models;
using Sim.Experiments.Yaml;
using YamlDotNet.RepresentationModel;
using Sim.Experiments.Text;

namespace Sim.Experiments.Spec;

/// <summary>
/// A map of configuration keys (Kafka's own names: <c>replica.lag.time.max.ms</c>, <c>acks</c>) to how each
/// one changes an immutable options record. Reading a block applies the keys in file order onto the
/// record's defaults, which are Kafka's; an unknown key is reported with the nearest known one.
/// </summary>
internal sealed class KeyTable<T>
{
    private readonly SortedDictionary<string, Func<YamlReader, YamlNode, string, T, T>> _keys = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>The keys in the order they were added (the order the docs list them in).</summary>
    public IReadOnlyList<string> InOrder => _order;

    public IReadOnlyCollection<string> Keys => _keys.Keys;

    public KeyTable<T> Add(string key, Func<YamlReader, YamlNode, string, T, T> apply)
    {
        _keys.Add(key, apply);
        _order.Add(key);
        return this;
    }

    /// <summary>Applies every key of the mapping <paramref name="node"/> (at path <paramref name="path"/>) onto <paramref name="value"/>.</summary>
    public T Apply(YamlReader r, YamlNode node, string path, T value, IReadOnlyCollection<string>? alsoAllowed = null)
    {
        if (node is YamlScalarNode { Value: null or "" or "~" }) return value;
        IReadOnlyCollection<string> allowed = alsoAllowed is null ? _keys.Keys : [.. _keys.Keys, .. alsoAllowed];
        foreach (var (k, v) in r.Mapping(node, path, allowed) ?? [])
        {
            if (_keys.TryGetValue(k, out var apply)) value = apply(r, v, YamlReader.Join(path, k), value);
        }
        return value;
    }

    /// <summary>Applies one key if this table knows it; false if it does not.</summary>
    public bool TryApply(YamlReader r, string k, YamlNode v, string path, ref T value)
    {
        if (!_keys.TryGetValue(k, out var apply)) return false;
        value = apply(r, v, path, value);
        return true;
    }
}

/// <summary>Readers of the value kinds configuration keys take, each reporting a bad value at its key and returning null.</summary>
internal static class Values
{
    /// <summary>A key ending in <c>.ms</c> or <c>.seconds</c>: a bare number in that unit, or a duration with its unit.</summary>
    public static SimDuration? Duration(YamlReader r, YamlNode v, string key, bool allowZero = false)
    {
        double unit = key.EndsWith(".seconds", StringComparison.Ordinal) ? 1 : key.EndsWith(".ms", StringComparison.Ordinal) ? 1e-3 : double.NaN;
        if (double.IsNaN(unit))
        {
            var d = r.Duration(v, key);
            if (d is { } x && x < SimDuration.Zero) { r.Error(key, v, "cannot be negative"); return null; }
            if (d is { } z && z == SimDuration.Zero && !allowZero) { r.Error(key, v, "must be more than zero"); return null; }
            return d;
        }
        return MirrorMakerSection.Duration(r, v, key, unit, allowZero);
    }

    public static bool? Bool(YamlReader r, YamlNode v, string key) => MirrorMakerSection.Bool(r, v, key);

    public static int? Int(YamlReader r, YamlNode v, string key, int min = int.MinValue, int max = int.MaxValue)
    {
        var n = r.Integer(v, key);
        if (n is null) return null;
        if (n < min || n > max)
        {
            r.Error(key, v, max == int.MaxValue ? $"must be {min} or more" : $"must be from {min} to {max}");
            return null;
        }
        return n;
    }

    /// <summary>A size in bytes: a whole number, or a size with its unit (<c>1MiB</c>).</summary>
    public static long? Bytes(YamlReader r, YamlNode v, string key, long min = 0)
    {
        var text = r.Scalar(v, key);
        if (text is null) return null;
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n))
        {
            if (!ByteSizeText.TryParseBytes(text, out var b, out var error)) { r.Error(key, v, error); return null; }
            n = (long)Math.Round(b);
        }
        if (n < min) { r.Error(key, v, $"must be at least {min} bytes"); return null; }
        return n;
    }

    /// <summary>A retention time: a duration, or -1 for none (keep forever), as <c>retention.ms</c> takes it.</summary>
    public static SimDuration? Retention(YamlReader r, YamlNode v, string key) =>
        r.Scalar(v, key) == "-1" ? SimDuration.MaxValue : Duration(r, v, key);

    /// <summary>A retention size: a size, or -1 for none, as <c>retention.bytes</c> takes it.</summary>
    public static long? RetentionBytes(YamlReader r, YamlNode v, string key) =>
        r.Scalar(v, key) == "-1" ? -1 : Bytes(r, v, key, 1);

    public static double? Fraction(YamlReader r, YamlNode v, string key)
    {
        var x = r.Number(v, key);
        if (x is < 0 or > 1) { r.Error(key, v, "must be from 0 to 1"); return null; }
        return x;
    }

    /// <summary>One of a fixed set of words.</summary>
    public static string? Choice(YamlReader r, YamlNode v, string key, params string[] choices)
    {
        r.Offer(choices);
        var text = r.Scalar(v, key);
        if (text is null) return null;
        if (choices.Contains(text)) return text;
        r.Error(key, v, $"unknown value '{text}'", $"expected one of: {string.Join(", ", choices)}");
        return null;
    }

    public static List<string> Names(YamlReader r, YamlNode v, string key)
    {
        if (v is YamlScalarNode) return r.Scalar(v, key) is { } one ? [one] : [];
        return (r.Sequence(v, key) ?? []).Select((x, i) => r.Scalar(x, YamlReader.Join(key, i.ToString(CultureInfo.InvariantCulture)))).OfType<string>().ToList();
    }
}
