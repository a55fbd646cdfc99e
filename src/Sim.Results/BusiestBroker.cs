namespace Sim.Results;

/// <summary>The broker that was the busiest for one utilisation metric of a run (the one that set its <c>_max</c> value).</summary>
public sealed record BusiestBroker(string Metric, string Cluster, int Broker);
