namespace Sim.Architectures.Metrics;

/// <summary>
/// A broker that went over one of the seed's utilisation thresholds after the warm-up: the resource
/// (<c>cpu</c>, <c>memory</c>, <c>disk</c>, <c>nic_in</c>, <c>nic_out</c>), the threshold, the seconds of
/// time-series intervals above it, and the highest value an interval reached.
/// </summary>
public sealed record ThresholdBreach(string Cluster, int Broker, string Resource, double Threshold, double Seconds, double Peak);
