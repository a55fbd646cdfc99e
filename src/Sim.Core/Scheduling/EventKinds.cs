namespace Sim.Core.Scheduling;

/// <summary>
/// A registry of event kind names. Kinds are small integers so events stay unmanaged-friendly and the
/// fingerprint hashes a number; the names exist for traces and diagnostics. Registration order is
/// part of the model's code, so ids are the same in every run of the same build.
/// </summary>
public sealed class EventKinds
{
    private readonly List<string> _names = ["event"];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal) { ["event"] = 0 };

    /// <summary>Returns the id of <paramref name="name"/>, registering it on first use.</summary>
    public int Register(string name)
    {
        if (_ids.TryGetValue(name, out var id)) return id;
        id = _names.Count;
        _names.Add(name);
        _ids.Add(name, id);
        return id;
    }

    public string NameOf(int kind) => (uint)kind < (uint)_names.Count ? _names[kind] : $"kind#{kind}";

    public int Count => _names.Count;
}
