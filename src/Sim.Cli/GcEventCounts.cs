using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Sim.Cli;

/// <summary>
/// For <see cref="PhaseTimings"/>: the runtime's garbage collections counted by generation, reason and type, from its own
/// GCStart events (the "Microsoft-Windows-DotNETRuntime" event source, GC keyword), to tell which collections a sweep
/// pays for: gen-0 budget, a large-object-heap budget reached, background or blocking gen-2; and, from its allocation
/// ticks (one per ~100 KB allocated, verbose level), the types whose large-object-heap allocations spend that budget.
/// </summary>
internal sealed class GcEventCounts : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private static readonly string[] Reasons =
        ["alloc_soh", "induced", "low_memory", "empty", "alloc_loh", "oos_soh", "oos_loh", "induced_not_forced", "internal", "induced_low_memory", "induced_compacting", "low_memory_host", "pm_full", "low_memory_host_blocking"];
    private static readonly string[] Types = ["blocking", "background", "foreground"];
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _largeBytes = new(StringComparer.Ordinal);

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is null || e.PayloadNames is null) return;
        if (e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal))
        {
            CountLarge(e);
            return;
        }
        if (!e.EventName.StartsWith("GCStart", StringComparison.Ordinal)) return;
        uint depth = Field(e, "Depth"), reason = Field(e, "Reason"), type = Field(e, "Type");
        string key = $"gen{depth}/{(reason < Reasons.Length ? Reasons[reason] : reason.ToString(System.Globalization.CultureInfo.InvariantCulture))}/{(type < Types.Length ? Types[type] : "?")}";
        _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    /// <summary>A tick of the large-object heap (AllocationKind 1): the bytes since the last tick, charged to the type that crossed it.</summary>
    private void CountLarge(EventWrittenEventArgs e)
    {
        if (Field(e, "AllocationKind") != 1) return;
        int amount = e.PayloadNames!.IndexOf("AllocationAmount64"), type = e.PayloadNames.IndexOf("TypeName");
        if (amount < 0 || type < 0 || e.Payload![amount] is not { } bytes) return;
        long n = Convert.ToInt64(bytes, System.Globalization.CultureInfo.InvariantCulture);
        _largeBytes.AddOrUpdate(e.Payload[type] as string ?? "?", n, (_, total) => total + n);
    }

    private static uint Field(EventWrittenEventArgs e, string name)
    {
        int i = e.PayloadNames!.IndexOf(name);
        return i >= 0 && e.Payload![i] is { } value ? Convert.ToUInt32(value, System.Globalization.CultureInfo.InvariantCulture) : uint.MaxValue;
    }

    /// <summary>The counts so far, as <c>gen2/alloc_loh/background=3</c> items in name order.</summary>
    public string Summary() =>
        string.Join(' ', _counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

    /// <summary>Large-object-heap megabytes by type, largest first, as <c>'System.Int64[]'=120</c> items (the ten largest).</summary>
    public string LargeSummary() => string.Join(' ', _largeBytes.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(10)
        .Select(kv => $"'{kv.Key}'={kv.Value >> 20}"));
}
