using Sim.Kafka.Observation;

namespace Sim.Architectures.Metrics;

/// <summary>An acknowledged range missing from <see cref="Cluster"/>'s log, and how many of its records no cluster holds.</summary>
public sealed record ClusterLoss(string Cluster, string Partition, LostRange Range, long LostEverywhere);
