using System.Text.Encodings.Web;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sim.Results;

namespace Sim.Experiments.Tracing;

/// <summary>
/// Which trace entries to show: by partition, broker, client and kind. Faults and repairs are always shown,
/// as the context every story starts from, unless kinds are given and leave them out.
/// </summary>
public sealed record TraceFilter
{
    public IReadOnlyCollection<string> Partitions { get; init; } = [];
    public IReadOnlyCollection<int> Brokers { get; init; } = [];
    public IReadOnlyCollection<int> Clients { get; init; } = [];
    public IReadOnlyCollection<string> Kinds { get; init; } = [];

    public static readonly IReadOnlyList<string> KnownKinds =
        ["fault", "repair", "fenced", "unfenced", "log-dir", "controller", "leader", "isr", "elr", "truncation", "retry", "failure", "recovered", "failover", "lost", "conflict"];

    public bool Keeps(TraceEntry e)
    {
        if (Kinds.Count > 0 && !Kinds.Contains(e.Kind)) return false;
        if (e.Kind is "fault" or "repair") return true;
        if (Partitions.Count > 0 && (e.Partition is null || !Partitions.Contains(e.Partition))) return false;
        if (Brokers.Count > 0 && !e.Brokers.Any(Brokers.Contains)) return false;
        if (Clients.Count > 0 && (e.Client is not { } c || !Clients.Contains(c))) return false;
        return true;
    }
}

/// <summary>Writes a trace for people (one sentence per line, with the time) or for tools (JSON lines).</summary>
public static class TraceText
{
    public static void WriteText(TextWriter o, RunTrace trace, TraceFilter filter, string header)
    {
        o.WriteLine(header);
        int shown = 0;
        foreach (var e in trace.Entries)
        {
            if (!filter.Keeps(e)) continue;
            shown++;
            string at = e.TimeS.ToString("0.000", CultureInfo.InvariantCulture) + " s";
            o.WriteLine($"{at,11}  {e.Kind,-10}  {e.Text}");
            if (e.Because.Count > 0)
            {
                o.WriteLine($"{"",11}  {"",-10}  because:");
                foreach (var step in e.Because) o.WriteLine($"{"",11}  {"",-10}    - {step}");
            }
        }
        if (shown == 0) o.WriteLine("  (nothing matches the filters)");
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        // Written for people and scripts, not embedded in HTML: "a->b" and "<" stay as they are, not \u003E.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>One JSON object per entry: <c>time_s</c>, <c>kind</c>, <c>text</c> and the structured fields that are set.</summary>
    public static void WriteJsonLines(TextWriter o, RunTrace trace, TraceFilter filter)
    {
        foreach (var e in trace.Entries)
        {
            if (!filter.Keeps(e)) continue;
            o.WriteLine(JsonSerializer.Serialize(new
            {
                time_s = e.TimeS,
                kind = e.Kind,
                text = e.Text,
                cluster = e.Cluster,
                partition = e.Partition,
                brokers = e.Brokers.Count > 0 ? e.Brokers : null,
                client = e.Client,
                leader = e.Leader,
                leader_epoch = e.LeaderEpoch,
                isr = e.Isr,
                first_offset = e.FirstOffset,
                last_offset = e.LastOffset,
                because = e.Because.Count > 0 ? e.Because : null,
            }, Json));
        }
    }
}
