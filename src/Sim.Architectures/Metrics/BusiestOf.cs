namespace Sim.Architectures.Metrics;

/// <summary>The broker that set a utilisation metric's <c>_max</c> value in a run: the busiest in that resource.</summary>
public sealed record BusiestOf(string Metric, string Cluster, int Broker);
