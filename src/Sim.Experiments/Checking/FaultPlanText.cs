using Sim.Architectures.Faults;
using Sim.Core.Time;

namespace Sim.Experiments.Checking;

/// <summary>Writes faults as the <c>faults:</c> list of an experiment file, so a schedule can be pasted into one.</summary>
public static class FaultPlanText
{
    public static string Format(IReadOnlyList<Fault> faults, string indent = "")
    {
        var lines = new List<string> { indent + "faults:" };
        lines.AddRange(faults.Select(f => indent + "  - " + Line(f)));
        return string.Join("\n", lines);
    }

    public static string Line(Fault f)
    {
        var parts = new List<string> { $"at: {f.At - SimTime.Zero}", $"kind: {f.Kind}", $"target: \"{f.TargetText}\"" };
        parts.AddRange(f.LeadingFields);
        if (f.Duration is { } d) parts.Add($"duration: {d}");
        parts.AddRange(f.TrailingFields);
        return "{ " + string.Join(", ", parts) + " }";
    }
}
