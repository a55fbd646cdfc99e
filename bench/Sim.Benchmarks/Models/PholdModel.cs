using System.Globalization;
using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;

namespace Sim.Benchmarks.Models;

/// <summary>
/// PHOLD, the classic synthetic kernel workload: <see cref="LogicalProcesses"/> logical processes
/// start with one event each, and every event schedules exactly one new event at a uniformly chosen
/// process after an exponential delay with a mean of one time unit (here 1 ms).
/// <para>
/// The pending-event set therefore holds a constant population of one event per process. The run
/// stops after exactly <see cref="Events"/> events: once the budget of scheduled events is spent,
/// processes stop rescheduling and the queue drains, so the event cap is never hit.
/// </para>
/// </summary>
public sealed class PholdModel : IKernelModel
{
    public const int LogicalProcesses = 1_000;
    public const long Events = 5_000_000;
    private const double MeanDelayNs = 1_000_000;

    private readonly Scheduler _scheduler = new();
    private readonly PholdProcess[] _processes = new PholdProcess[LogicalProcesses];
    private long _scheduled;

    public PholdModel(ulong seed)
    {
        var streams = new RngStreams(seed);
        int kind = _scheduler.Kinds.Register("phold");
        for (int i = 0; i < LogicalProcesses; i++)
        {
            var rng = streams.Get("workload/lp/" + i.ToString(CultureInfo.InvariantCulture));
            _processes[i] = new PholdProcess(this, rng, kind);
        }
        foreach (var lp in _processes)
        {
            _scheduled++;
            _scheduler.Schedule(lp.NextDelay(), lp, kind);
        }
    }

    public PholdProcess this[int index] => _processes[index];

    /// <summary>Each process receives one event per time unit on average, so the run lasts about Events / LogicalProcesses units.</summary>
    public SimTime Midpoint => SimTime.FromSeconds(Events / LogicalProcesses * MeanDelayNs / 1e9 / 2);

    public long EventsExecuted => _scheduler.EventsExecuted;

    public void RunUntil(SimTime until) => _scheduler.Run(until, Events);

    public long Run()
    {
        _scheduler.Run(SimTime.MaxValue, Events);
        long executed = _scheduler.EventsExecuted;
        if (executed != Events)
        {
            throw new InvalidOperationException($"PHOLD ran {executed} events; expected {Events}");
        }
        return executed;
    }

    public string Describe()
    {
        long min = long.MaxValue, max = 0;
        foreach (var lp in _processes)
        {
            min = Math.Min(min, lp.Received);
            max = Math.Max(max, lp.Received);
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"{_scheduler.Now.TotalSeconds:F1} s simulated, events per LP {min}..{max} (mean {Events / LogicalProcesses})");
    }

    /// <summary>Takes one event from the run's budget; false once it is spent.</summary>
    internal bool TryReserveEvent()
    {
        if (_scheduled >= Events) return false;
        _scheduled++;
        return true;
    }

    internal static SimDuration DrawDelay(RngStream rng) => ExponentialDelay.Draw(rng, MeanDelayNs);
}
