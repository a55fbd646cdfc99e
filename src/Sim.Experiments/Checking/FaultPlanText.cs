using System.Globalization;
using Sim.Architectures.Faults;
using Sim.Core.Time;

namespace Sim.Experiments.Checking;

/// <summary>Writes fault specs as the <c>faults:</c> list of an experiment file, so a schedule can be pasted into one.</summary>
public static class FaultPlanText
{
    public static string Format(IReadOnlyList<FaultSpec> faults, string indent = "")
    {
        var lines = new List<string> { indent + "faults:" };
        lines.AddRange(faults.Select(f => indent + "  - " + Line(f)));
        return string.Join("\n", lines);
    }

    public static string Line(FaultSpec f)
    {
        var inv = CultureInfo.InvariantCulture;
        var parts = new List<string> { $"at: {f.At - SimTime.Zero}", $"kind: {FaultPlan.NameOf(f.Kind)}", $"target: \"{f.Target.Text}\"" };
        if (f.Kind == FaultKind.BrokerCrash) parts.Add("mode: " + f.Mode.ToString().ToLowerInvariant());
        if (f.Duration is { } d) parts.Add($"duration: {d}");
        if (f.Peer is { } peer) parts.Add($"to: \"{peer.Text}\"");
        if (f.OneWay) parts.Add("one_way: true");
        if (f.Degradation is { } g)
        {
            if (g.ExtraDelay != SimDuration.Zero) parts.Add($"delay: {g.ExtraDelay}");
            if (g.ExtraLoss > 0) parts.Add("loss: " + g.ExtraLoss.ToString("0.###", inv));
            if (g.BandwidthFactor != 1) parts.Add("bandwidth_factor: " + g.BandwidthFactor.ToString("0.###", inv));
        }
        if (f.Kind == FaultKind.SlowDisk) parts.Add($"latency: {f.DiskLatency}");
        if (f.Kind == FaultKind.ClockSkew) parts.Add($"offset: {f.ClockOffset}");
        return "{ " + string.Join(", ", parts) + " }";
    }
}
