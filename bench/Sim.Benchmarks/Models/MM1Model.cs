using System.Globalization;
using Sim.Core.Queueing;
using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;

namespace Sim.Benchmarks.Models;

/// <summary>
/// An M/M/1 queue at utilisation 0.8: Poisson arrivals into a single-server <see cref="FifoServer"/>
/// with exponential service, for a fixed number of customers.
/// <para>
/// The arrival source is this object, an <see cref="IEventHandler"/> that reschedules itself, and it is
/// also the server's <see cref="IServiceCompletion"/>, so no closure is created per customer. Each
/// customer costs exactly two events, its arrival and its departure.
/// </para>
/// </summary>
public sealed class MM1Model : IKernelModel, IEventHandler, IServiceCompletion
{
    public const long Customers = 2_000_000;

    /// <summary>One arrival and one departure per customer.</summary>
    public const long Events = 2 * Customers;

    private const double Utilisation = 0.8;
    private const double MeanServiceNs = 1_000_000;
    private const double MeanInterarrivalNs = MeanServiceNs / Utilisation;

    private readonly Scheduler _scheduler = new();
    private readonly FifoServer _server;
    private readonly RngStream _arrivals;
    private readonly RngStream _service;
    private readonly int _arrivalKind;
    private long _arrived;
    private long _departed;

    public MM1Model(ulong seed)
    {
        var streams = new RngStreams(seed);
        _arrivals = streams.Get("workload/arrivals");
        _service = streams.Get("workload/service");
        _server = new FifoServer(_scheduler, "mm1");
        _arrivalKind = _scheduler.Kinds.Register("arrival");
        _scheduler.Schedule(ExponentialDelay.Draw(_arrivals, MeanInterarrivalNs), this, _arrivalKind);
    }

    /// <summary>Half the customers have arrived, on average, half-way through.</summary>
    public SimTime Midpoint => SimTime.FromSeconds(Customers * MeanInterarrivalNs / 1e9 / 2);

    public long EventsExecuted => _scheduler.EventsExecuted;

    // The cap equals the exact workload: one event too many would throw, so the count is checked too.
    public void RunUntil(SimTime until) => _scheduler.Run(until, Events);

    public long Run()
    {
        _scheduler.Run(SimTime.MaxValue, Events);
        long executed = _scheduler.EventsExecuted;
        if (executed != Events || _departed != Customers)
        {
            throw new InvalidOperationException($"M/M/1 ran {executed} events and served {_departed} customers; expected {Events} and {Customers}");
        }
        return executed;
    }

    public string Describe()
    {
        // For M/M/1 the mean number in the system is rho / (1 - rho), and the mean wait before
        // service is that many mean service times.
        double theory = Utilisation / (1 - Utilisation);
        return string.Create(CultureInfo.InvariantCulture,
            $"mean in system {_server.MeanInSystem:F2} (theory {theory:F2}), mean wait {_server.WaitStatistics.Mean / 1e6:F2} ms (theory {theory * MeanServiceNs / 1e6:F2} ms)");
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        _arrived++;
        _server.Submit(ExponentialDelay.Draw(_service, MeanServiceNs), this);
        if (_arrived < Customers)
        {
            scheduler.Schedule(ExponentialDelay.Draw(_arrivals, MeanInterarrivalNs), this, _arrivalKind);
        }
    }

    void IServiceCompletion.OnServed(long tag, object? state, SimDuration waited) => _departed++;
}
