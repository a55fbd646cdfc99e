using Sim.Network;

namespace Sim.Architectures.Model;

/// <summary>A loaded, validated model file: its structure and link figures, and the clusters placed on it.</summary>
public sealed record ModelDefinition(string Name, string? Description, string File, NetworkOptions Network, IReadOnlyList<ClusterLayout> Clusters)
{
    /// <summary>The MirrorMaker 2 Connect clusters the model places, with their flows.</summary>
    public IReadOnlyList<Sim.MirrorMaker.Config.ConnectClusterConfig> MirrorMaker { get; init; } = [];
}
