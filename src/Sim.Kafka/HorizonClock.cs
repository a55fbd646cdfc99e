using Sim.Core.Time;

namespace Sim.Kafka;

/// <summary>Where an instant of the kernel's clock lies on the run's horizon (see <see cref="HorizonClock"/>).</summary>
public interface IHorizonMap
{
    /// <summary>The horizon instant of kernel instant <paramref name="detailed"/>.</summary>
    SimTime ToHorizon(SimTime detailed);
}

/// <summary>
/// The run's horizon clock as the cluster sees it. A detailed run simulates every instant, so the kernel's clock is the
/// horizon's. In hybrid fidelity the kernel simulates only the detail windows around faults, one after the other, and
/// skips the steady spans between them: a month of horizon can be minutes of kernel time. What Kafka measures in days
/// (a segment's age for <c>segment.ms</c>, a record's for <c>retention.ms</c>: LogSegment.shouldRoll,
/// UnifiedLog.deleteRetentionMsBreachedSegments) then has to count the skipped spans too, or nothing ever rolls or
/// expires and the logs keep every detailed batch of the run.
/// </summary>
public sealed class HorizonClock
{
    private IHorizonMap? _map;

    /// <summary>Makes <paramref name="map"/> (a hybrid run's window schedule) the way kernel instants reach the horizon.</summary>
    public void Attach(IHorizonMap map) => _map = map;

    /// <summary>The horizon instant of kernel instant <paramref name="detailed"/>: itself in a detailed run.</summary>
    public SimTime ToHorizon(SimTime detailed) => _map is null ? detailed : _map.ToHorizon(detailed);
}
