using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// Records MirrorMaker 2 appends to each target cluster (leader appends of batches that carry an origin),
/// after the warm-up: the load of a hub, which carries the sum of its spokes (seed, "Hub-and-Spoke"), and of
/// aggregate and observer clusters. Reported for the busiest cluster.
/// </summary>
public sealed class MirrorIntakeProbe(RunContext context) : IRunProbe
{
    private readonly Dictionary<string, long> _records = new(StringComparer.Ordinal);

    public IEnumerable<IKafkaObserver> ObserversOf(string cluster) => [new Intake(this, cluster)];

    public RunResult Contribute(RunResult result)
    {
        double measuredS = result.Measured.TotalSeconds;
        long busiest = _records.Count == 0 ? 0 : _records.Values.Max();
        return result.With((MetricCatalog.MirrorInRecordsPerSMax, measuredS > 0 ? Math.Round(busiest / measuredS, 1) : 0));
    }

    private sealed class Intake(MirrorIntakeProbe probe, string cluster) : IKafkaObserver
    {
        public void Appended(SimTime at, int brokerId, int partition, in RecordBatch batch, bool asLeader)
        {
            if (!asLeader || !batch.Origin.IsSet || !probe.Measuring(at)) return;
            probe._records[cluster] = probe._records.GetValueOrDefault(cluster) + batch.Count;
        }
    }

    private bool Measuring(SimTime at) => context.Measuring(at);
}
