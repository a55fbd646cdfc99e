using Sim.Network.Transport;

namespace Sim.Network.Faults;

/// <summary>
/// A network partition: traffic from <see cref="From"/> to <see cref="To"/> is lost, and, when
/// <see cref="Symmetric"/>, traffic back too. A one-way cut (A cannot reach B while B reaches A) is the
/// asymmetric case that breaks request-response protocols in the ways real networks do. With
/// <see cref="Only"/> the cut is a filter: it drops only the messages it matches (one protocol, requests
/// only), as the per-node filters of Kafka's RaftEventSimulationTest router do, and lets the rest and
/// TCP's own segments (resets) through.
/// </summary>
public sealed record Cut(string Name, NodeSet From, NodeSet To, bool Symmetric)
{
    /// <summary>The messages the cut drops (null: every message, and TCP resets too).</summary>
    public Func<NetMessage, bool>? Only { get; init; }

    public bool Blocks(int source, int destination) =>
        (From.Contains(source) && To.Contains(destination)) ||
        (Symmetric && From.Contains(destination) && To.Contains(source));

    /// <summary>Whether the cut drops <paramref name="message"/> on its way from <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public bool Blocks(NetMessage message, int source, int destination) =>
        Blocks(source, destination) && (Only is null || Only(message));
}
