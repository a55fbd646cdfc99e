using System.Globalization;
using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;

namespace Sim.Benchmarks.Models;

/// <summary>
/// Timeout churn: <see cref="Processes"/> <see cref="Process"/> coroutines, each waiting again and
/// again for an exponential delay (mean 1 ms), until <see cref="Waits"/> waits have been made in total.
/// <para>
/// Delays come from one workload stream, as in the reference SimPy and SimSharp models, or, with
/// <c>streamPerProcess</c>, from a stream of each process's own: the deterministic choice for a real
/// model, which also shows what 10,000 more objects touched per event cost in cache misses.
/// </para>
/// <para>
/// The scheduler executes <see cref="Events"/> events: one per wait, plus each process's first step,
/// which <see cref="Process.Start"/> schedules at time zero.
/// </para>
/// </summary>
public sealed class ChurnModel : IKernelModel
{
    public const int Processes = 10_000;
    public const long Waits = 5_000_000;
    public const long Events = Waits + Processes;
    private const double MeanDelayNs = 1_000_000;

    private readonly Scheduler _scheduler = new();
    private long _waitsLeft = Waits;

    public ChurnModel(ulong seed, bool streamPerProcess = false)
    {
        var streams = new RngStreams(seed);
        for (int i = 0; i < Processes; i++)
        {
            var rng = streamPerProcess
                ? streams.Get("workload/process/" + i.ToString(CultureInfo.InvariantCulture))
                : streams.Get("workload/delays");
            Process.Start(_scheduler, "churn", _ => Body(rng));
        }
    }

    /// <summary>Each process waits 1 ms on average, so the run lasts about Waits / Processes milliseconds.</summary>
    public SimTime Midpoint => SimTime.FromSeconds(Waits / Processes * MeanDelayNs / 1e9 / 2);

    public long EventsExecuted => _scheduler.EventsExecuted;

    public void RunUntil(SimTime until) => _scheduler.Run(until, Events);

    public long Run()
    {
        _scheduler.Run(SimTime.MaxValue, Events);
        long executed = _scheduler.EventsExecuted;
        if (executed != Events || _waitsLeft != 0)
        {
            throw new InvalidOperationException($"churn ran {executed} events with {_waitsLeft} waits left; expected {Events} and 0");
        }
        return executed;
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Waits} waits by {Processes} processes in {_scheduler.Now.TotalSeconds:F3} s simulated (expected about {Waits / Processes * MeanDelayNs / 1e9:F3} s)");

    private IEnumerable<Wait> Body(RngStream rng)
    {
        while (_waitsLeft > 0)
        {
            _waitsLeft--;
            yield return Wait.For(ExponentialDelay.Draw(rng, MeanDelayNs));
        }
    }
}
