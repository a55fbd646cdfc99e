using System.Globalization;
using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;

namespace Sim.Benchmarks.Models;

/// <summary>
/// Timeout churn: <see cref="Processes"/> <see cref="Process"/> coroutines, each waiting again and
/// again for an exponential delay (mean 1 ms) drawn from its own stream, until
/// <see cref="Waits"/> waits have been made in total.
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

    public ChurnModel(ulong seed)
    {
        var streams = new RngStreams(seed);
        for (int i = 0; i < Processes; i++)
        {
            var rng = streams.Get("workload/process/" + i.ToString(CultureInfo.InvariantCulture));
            Process.Start(_scheduler, "churn", _ => Body(rng));
        }
    }

    public long Run()
    {
        long executed = _scheduler.Run(SimTime.MaxValue, Events);
        if (executed != Events || _waitsLeft != 0)
        {
            throw new InvalidOperationException($"churn ran {executed} events with {_waitsLeft} waits left; expected {Events} and 0");
        }
        return executed;
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Waits} waits by {Processes} processes in {_scheduler.Now.TotalSeconds:F1} s simulated (expected about {Waits / Processes * MeanDelayNs / 1e9:F1} s)");

    private IEnumerable<Wait> Body(RngStream rng)
    {
        while (_waitsLeft > 0)
        {
            _waitsLeft--;
            yield return Wait.For(ExponentialDelay.Draw(rng, MeanDelayNs));
        }
    }
}
