using ScottPlot;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// Sorts the messages of a space-time diagram into the few kinds a class tells apart, each with its
/// colour: produce, replica fetch (a follower pulling from its leader, which is how Kafka replicates),
/// consumer fetch, broker heartbeats, the controller quorum's own traffic (KRaft votes and fetches),
/// metadata and ISR changes, and anything else. Kafka calls every fetch a <c>FetchRequest</c>; the trace
/// marks a follower's with <c>(replica)</c>, and a fetch response is a replica's when it goes to a broker.
/// </summary>
internal static class MessageKinds
{
    /// <summary>A kind of message: its legend label and colour, and its rank in the legend.</summary>
    public sealed record Kind(int Rank, string Label, Color Color);

    public static readonly Kind Produce = new(0, "produce", Color.FromHex("#0072B2"));
    public static readonly Kind ReplicaFetch = new(1, "replica fetch (follower pulls from leader)", Color.FromHex("#009E73"));
    public static readonly Kind ConsumerFetch = new(2, "consumer fetch", Color.FromHex("#56B4E9"));
    public static readonly Kind Heartbeat = new(3, "broker heartbeat", Color.FromHex("#8A8A8A"));
    public static readonly Kind Quorum = new(4, "controller quorum (KRaft)", Color.FromHex("#CC79A7"));
    public static readonly Kind Metadata = new(5, "metadata / ISR change", Color.FromHex("#E69F00"));
    public static readonly Kind Other = new(6, "other", Color.FromHex("#8C564B"));

    /// <summary>The kind of <paramref name="message"/>, given the roles of the hosts by name (a fetch response to a broker is a replica's).</summary>
    public static Kind Of(MessageHop message, IReadOnlyDictionary<string, TraceHost> hosts)
    {
        var name = message.Message;
        if (name.StartsWith("Produce", StringComparison.Ordinal)) return Produce;
        if (name.StartsWith("BrokerHeartbeat", StringComparison.Ordinal)) return Heartbeat;
        if (name.StartsWith("Vote", StringComparison.Ordinal) || name.StartsWith("Quorum", StringComparison.Ordinal)
            || name.Contains("QuorumEpoch", StringComparison.Ordinal)) return Quorum;
        if (name.StartsWith("Metadata", StringComparison.Ordinal) || name.StartsWith("AlterPartition", StringComparison.Ordinal)) return Metadata;
        if (name.StartsWith("FetchRequest", StringComparison.Ordinal)) return name.Contains("replica", StringComparison.Ordinal) ? ReplicaFetch : ConsumerFetch;
        if (name.StartsWith("FetchResponse", StringComparison.Ordinal))
        {
            return hosts.TryGetValue(message.To, out var to) && to.Role == "broker" ? ReplicaFetch : ConsumerFetch;
        }
        return Other;
    }

    /// <summary>Whether <paramref name="message"/> answers another, drawn dashed as replies are in sequence diagrams.</summary>
    public static bool IsResponse(MessageHop message) => message.Message.Contains("Response", StringComparison.Ordinal);
}
