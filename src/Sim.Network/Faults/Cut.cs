namespace Sim.Network.Faults;

/// <summary>
/// A network partition: traffic from <see cref="From"/> to <see cref="To"/> is lost, and, when
/// <see cref="Symmetric"/>, traffic back too. A one-way cut (A cannot reach B while B reaches A) is the
/// asymmetric case that breaks request-response protocols in the ways real networks do.
/// </summary>
public sealed record Cut(string Name, NodeSet From, NodeSet To, bool Symmetric)
{
    public bool Blocks(int source, int destination) =>
        (From.Contains(source) && To.Contains(destination)) ||
        (Symmetric && From.Contains(destination) && To.Contains(source));
}
