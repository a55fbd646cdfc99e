using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Sim.Cli;

/// <summary>
/// For <see cref="PhaseTimings"/>: the runtime's garbage collections counted by generation, reason and type, from its own
/// GCStart events (the "Microsoft-Windows-DotNETRuntime" event source, GC keyword), to tell which collections a sweep
/// pays for: gen-0 budget, a large-object-heap budget reached, background or blocking gen-2.
/// </summary>
internal sealed class GcEventCounts : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private static readonly string[] Reasons =
        ["alloc_soh", "induced", "low_memory", "empty", "alloc_loh", "oos_soh", "oos_loh", "induced_not_forced", "internal", "induced_low_memory", "induced_compacting", "low_memory_host", "pm_full", "low_memory_host_blocking"];
    private static readonly string[] Types = ["blocking", "background", "foreground"];
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Informational, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is null || !e.EventName.StartsWith("GCStart", StringComparison.Ordinal) || e.PayloadNames is null) return;
        uint depth = Field(e, "Depth"), reason = Field(e, "Reason"), type = Field(e, "Type");
        string key = $"gen{depth}/{(reason < Reasons.Length ? Reasons[reason] : reason.ToString(System.Globalization.CultureInfo.InvariantCulture))}/{(type < Types.Length ? Types[type] : "?")}";
        _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    private static uint Field(EventWrittenEventArgs e, string name)
    {
        int i = e.PayloadNames!.IndexOf(name);
        return i >= 0 && e.Payload![i] is { } value ? Convert.ToUInt32(value, System.Globalization.CultureInfo.InvariantCulture) : uint.MaxValue;
    }

    /// <summary>The counts so far, as <c>gen2/alloc_loh/background=3</c> items in name order.</summary>
    public string Summary() => string.Join(' ', _counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
}
