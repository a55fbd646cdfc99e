using Sim.Kafka.Observation;

namespace Sim.Architectures.Metrics;

/// <summary>
/// Watches one aspect of a run through a <see cref="RunContext"/> and contributes its part of the result.
/// A run calls each probe in a fixed order: <see cref="ObserversOf"/> per cluster as the simulation is built,
/// <see cref="ClustersBuilt"/> once the clusters and MirrorMaker 2 exist, <see cref="Start"/> once the run is
/// assembled (applications, failovers, remote tiers, faults), and <see cref="Contribute"/> when it is measured.
/// The order of probes is the order their observers, event kinds and scheduled events are registered in,
/// which the run's fingerprint depends on.
/// </summary>
public interface IRunProbe
{
    /// <summary>Observers of one cluster's events, registered before anything starts.</summary>
    IEnumerable<IKafkaObserver> ObserversOf(string cluster) => [];

    void ClustersBuilt() { }

    /// <summary>Registers event kinds, schedules the probe's own events, subscribes to faults.</summary>
    void Start() { }

    /// <summary>The result with this probe's part added (figures by their <see cref="Sim.Results.MetricCatalog"/> declarations).</summary>
    RunResult Contribute(RunResult result) => result;
}
