namespace Sim.Experiments.Tests.Support;

/// <summary>Builds the key/value field list a YAML loader hands to spec parsers, from "key: value" pairs.</summary>
internal static class Fields
{
    public static IReadOnlyList<KeyValuePair<string, string>> Of(params (string Key, string Value)[] pairs) =>
        pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)).ToList();
}
