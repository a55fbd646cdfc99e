using System.Text.Json.Serialization;

namespace Sim.Results;

/// <summary>
/// One line of a run's narrated trace: when, what kind of thing happened, and a plain sentence saying
/// what and why. The structured fields name what the sentence is about, for filters and tools.
/// Kinds: <c>fault</c>, <c>repair</c>, <c>fenced</c>, <c>unfenced</c>, <c>controller</c>, <c>leader</c>,
/// <c>isr</c>, <c>elr</c>, <c>truncation</c>, <c>retry</c>, <c>failure</c>, <c>recovered</c>,
/// <c>failover</c>, <c>lost</c>, <c>conflict</c> (a write conflict between sites and how each resolution strategy settles it).
/// </summary>
public sealed record TraceEntry(double TimeS, string Kind, string Text)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Cluster { get; init; }

    /// <summary>The partition by topic and number (<c>orders-3</c>), when the line is about one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Partition { get; init; }

    /// <summary>Brokers (or controllers) the line is about.</summary>
    public IReadOnlyList<int> Brokers { get; init; } = [];

    /// <summary>The client the line is about.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Client { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Leader { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? LeaderEpoch { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? Isr { get; init; }

    /// <summary>The first and last offset the line is about (truncations, lost ranges).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? FirstOffset { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? LastOffset { get; init; }

    /// <summary>For <c>lost</c>: the explanation chain, one sentence per link.</summary>
    public IReadOnlyList<string> Because { get; init; } = [];
}

/// <summary>One sample of a partition's state: its leader (-1: none), ISR, and the leader's high watermark and log end.</summary>
public sealed record PartitionSample(double TimeS, int Leader, IReadOnlyList<int> Isr, long HighWatermark, long LogEndOffset);

/// <summary>A partition's state over a run, sampled at a fixed interval.</summary>
public sealed record PartitionHistory(string Cluster, string Partition, IReadOnlyList<int> Replicas, IReadOnlyList<PartitionSample> Samples);

/// <summary>A message that crossed the network: its protocol name, from where to where, when it left and when it arrived.</summary>
public sealed record MessageHop(string Message, string From, string To, double SentS, double ArrivedS);

/// <summary>A host of the space-time diagram, in the order drawn, with the zone it sits in.</summary>
public sealed record TraceHost(string Name, string Zone, string Role);

/// <summary>
/// What a traced run did, told for people: the narrated entries in time order, the sampled history of
/// each partition, the fault windows, and the messages of a chosen window of time between the hosts.
/// </summary>
public sealed record RunTrace(
    string Experiment,
    int RunId,
    double DurationS,
    IReadOnlyList<TraceEntry> Entries,
    IReadOnlyList<PartitionHistory> Partitions,
    IReadOnlyList<FaultInterval> Faults,
    IReadOnlyList<TraceHost> Hosts,
    IReadOnlyList<MessageHop> Messages,
    double MessagesFromS,
    double MessagesToS);
