namespace Sim.Architectures.Conflicts;

/// <summary>
/// How one pair of writes of the same keys from two sites was settled under each resolution strategy of the
/// multi-site guide (seed "Conflict Resolution"): which write won and why. <see cref="Concurrent"/> pairs are
/// conflicts (neither site had the other's write when it wrote); the others are sequential writes whose order
/// last-write-wins reversed because of the sites' clocks.
/// </summary>
public sealed record ConflictVerdict(double TimeS, string Partition, bool Concurrent, double Keys, string Text);
