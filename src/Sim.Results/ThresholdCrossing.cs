namespace Sim.Results;

/// <summary>
/// A broker that went over one of the seed's utilisation thresholds after the warm-up: which resource
/// (<c>cpu</c>, <c>memory</c>, <c>disk</c>, <c>nic_in</c>, <c>nic_out</c>), the threshold, for how many seconds
/// of time-series intervals it was above it, and the highest value an interval reached.
/// </summary>
public sealed record ThresholdCrossing(string Cluster, int Broker, string Resource, double Threshold, double Seconds, double Peak);
