using Sim.Core.Distributions;
using Sim.Core.Queueing;
using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;

namespace Sim.Core.Tests.Support;

/// <summary>
/// An open Poisson arrival process feeding a <see cref="FifoServer"/>: exponential inter-arrival times
/// drawn from one named stream, service times drawn from another, so the arrival sequence does not
/// depend on the service distribution. It runs until the scheduler's time bound stops it.
/// </summary>
internal sealed class PoissonSource : IEventHandler
{
    private readonly FifoServer _server;
    private readonly RngStream _arrivals;
    private readonly RngStream _service;
    private readonly double _meanInterArrivalNs;
    private readonly Distribution _serviceTime;
    private readonly int _kind;

    public PoissonSource(Scheduler scheduler, FifoServer server, RngStreams streams, double arrivalsPerSecond, Distribution serviceTimeNs)
    {
        _server = server;
        _arrivals = streams.Get("workload/arrivals");
        _service = streams.Get("workload/service");
        _meanInterArrivalNs = SimDuration.NanosPerSecond / arrivalsPerSecond;
        _serviceTime = serviceTimeNs;
        _kind = scheduler.Kinds.Register("arrival");
    }

    public long Arrivals { get; private set; }

    /// <summary>Schedules the first arrival one inter-arrival time from now.</summary>
    public void Start(Scheduler scheduler) => scheduler.Schedule(NextGap(), this, _kind);

    public void OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        Arrivals++;
        _server.Submit(_serviceTime.SampleDuration(_service), null);
        scheduler.Schedule(NextGap(), this, _kind);
    }

    private SimDuration NextGap() => SimDuration.FromNanosecondsRounded(_arrivals.NextExponential(_meanInterArrivalNs));
}
