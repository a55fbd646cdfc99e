using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;

namespace Sim.Benchmarks.Models;

/// <summary>
/// One PHOLD logical process: on each event it sends one event to a uniformly chosen process
/// (possibly itself) after an exponential delay, drawing both from its own stream.
/// </summary>
public sealed class PholdProcess : IEventHandler
{
    private readonly PholdModel _model;
    private readonly RngStream _rng;
    private readonly int _kind;

    internal PholdProcess(PholdModel model, RngStream rng, int kind)
    {
        _model = model;
        _rng = rng;
        _kind = kind;
    }

    /// <summary>Events this process has received.</summary>
    public long Received { get; private set; }

    internal SimDuration NextDelay() => PholdModel.DrawDelay(_rng);

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        Received++;
        if (!_model.TryReserveEvent()) return;
        var target = _model[_rng.Next(PholdModel.LogicalProcesses)];
        scheduler.Schedule(NextDelay(), target, _kind);
    }
}
