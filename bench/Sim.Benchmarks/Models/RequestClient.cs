using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;

namespace Sim.Benchmarks.Models;

/// <summary>
/// One client of <see cref="RequestTimeoutModel"/>: one request outstanding at a time, its timeout's
/// handle kept so that the response can cancel it. The request id travels as the event argument.
/// </summary>
public sealed class RequestClient : IEventHandler
{
    private readonly RequestTimeoutModel _model;
    private readonly RngStream _rng;
    private readonly int _responseKind;
    private readonly int _timeoutKind;
    private EventHandle _timeout;
    private long _requestId;

    internal RequestClient(RequestTimeoutModel model, RngStream rng, int responseKind, int timeoutKind)
    {
        _model = model;
        _rng = rng;
        _responseKind = responseKind;
        _timeoutKind = timeoutKind;
    }

    public long Responses { get; private set; }
    public long TimeoutsCancelled { get; private set; }
    public long TimeoutsFired { get; private set; }

    internal void SendRequest(Scheduler scheduler)
    {
        if (!_model.TryReserveRequest()) return;
        _requestId++;
        _timeout = scheduler.Schedule(RequestTimeoutModel.Timeout, this, _timeoutKind, _requestId);
        if (_rng.NextBool(RequestTimeoutModel.LossProbability)) return;
        // Capping the response below the timeout keeps "exactly one event per request" exact; an
        // exponential with a 1 ms mean exceeds 100 ms with probability e^-100 anyway.
        var delay = SimDuration.Min(ExponentialDelay.Draw(_rng, RequestTimeoutModel.MeanResponseNs), RequestTimeoutModel.Timeout - SimDuration.FromNanoseconds(1));
        scheduler.Schedule(delay, this, _responseKind, _requestId);
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (ev.Arg != _requestId) throw new InvalidOperationException($"event for request {ev.Arg} arrived while request {_requestId} is outstanding");
        if (ev.Kind == _responseKind)
        {
            Responses++;
            if (scheduler.Cancel(_timeout)) TimeoutsCancelled++;
        }
        else
        {
            TimeoutsFired++;
        }
        _timeout = EventHandle.None;
        SendRequest(scheduler);
    }
}
