using Sim.Core.Time;
using Sim.Kafka.Log;
using Sim.Kafka.Observation;
using Sim.Kafka.Protocol;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>Records the applications produced, had acknowledged and had fail, and the availability after the warm-up.</summary>
public sealed class AvailabilityProbe(RunContext context) : IRunProbe
{
    private RunContext Context => context;

    private long _produced, _acked, _failed, _ackedMeasured, _failedMeasured;

    public IEnumerable<IKafkaObserver> ObserversOf(string cluster) => [new View(this, cluster)];

    public RunResult Contribute(RunResult result) => result.With(
        (MetricCatalog.RecordsProduced, _produced), (MetricCatalog.RecordsAcked, _acked), (MetricCatalog.RecordsFailed, _failed),
        (MetricCatalog.Availability, _ackedMeasured + _failedMeasured == 0 ? 1 : (double)_ackedMeasured / (_ackedMeasured + _failedMeasured)));

    private sealed class View(AvailabilityProbe p, string cluster) : IKafkaObserver
    {
        public void Produced(SimTime at, int producerId, int records)
        {
            if (p.Context.AppOf(cluster, producerId) is not null) p._produced += records;
        }

        public void ProduceAcked(SimTime at, int producerId, int partition, in RecordBatch batch, short acks, SimDuration latency)
        {
            if (p.Context.AppOf(cluster, producerId) is null) return;
            p._acked += batch.Count;
            if (p.Context.Measuring(at)) p._ackedMeasured += batch.Count;
        }

        public void ProduceFailed(SimTime at, int producerId, int partition, int records, ErrorCode error)
        {
            if (p.Context.AppOf(cluster, producerId) is null) return;
            p._failed += records;
            if (p.Context.Measuring(at)) p._failedMeasured += records;
        }
    }
}
