using System.Globalization;
using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;

namespace Sim.Benchmarks.Models;

/// <summary>
/// Request timeouts, the cancellation-heavy pattern of every RPC client: <see cref="Clients"/>
/// clients each keep one request outstanding. A request arms a long timeout (100 ms) and, unless the
/// response is lost (probability 0.1), a response after a short exponential delay (mean 1 ms). A
/// response cancels its timeout with <see cref="Scheduler.Cancel"/>; a fired timeout stands for a
/// retry. Either way the client sends its next request, until <see cref="Requests"/> have been sent.
/// <para>
/// Exactly one event runs per request (the response or the timeout), so <see cref="Events"/> equals
/// <see cref="Requests"/>, and about 90% of timeouts are cancelled before they fire. Per executed
/// event the kernel does about two enqueues, one dequeue and 0.9 cancellations. Delays and losses
/// come from one workload stream.
/// </para>
/// </summary>
public sealed class RequestTimeoutModel : IKernelModel
{
    public const int Clients = 10_000;
    public const long Requests = 5_000_000;
    public const long Events = Requests;
    internal const double LossProbability = 0.1;
    internal const double MeanResponseNs = 1_000_000;
    internal static readonly SimDuration Timeout = SimDuration.FromMilliseconds(100);

    private readonly Scheduler _scheduler = new();
    private readonly RequestClient[] _clients = new RequestClient[Clients];
    private long _requestsLeft = Requests;

    public RequestTimeoutModel(ulong seed)
    {
        var rng = new RngStreams(seed).Get("workload/requests");
        int responseKind = _scheduler.Kinds.Register("response");
        int timeoutKind = _scheduler.Kinds.Register("request-timeout");
        for (int i = 0; i < Clients; i++) _clients[i] = new RequestClient(this, rng, responseKind, timeoutKind);
        foreach (var client in _clients) client.SendRequest(_scheduler);
    }

    /// <summary>
    /// A request takes 0.9 x 1 ms + 0.1 x 100 ms = 10.9 ms on average, so the run lasts about
    /// Requests / Clients x 10.9 ms.
    /// </summary>
    public SimTime Midpoint =>
        SimTime.FromSeconds(Requests / Clients * ((1 - LossProbability) * MeanResponseNs + LossProbability * Timeout.Nanoseconds) / 1e9 / 2);

    public long EventsExecuted => _scheduler.EventsExecuted;

    public void RunUntil(SimTime until) => _scheduler.Run(until, Events);

    public long Run()
    {
        _scheduler.Run(SimTime.MaxValue, Events);
        long executed = _scheduler.EventsExecuted;
        if (executed != Events || _requestsLeft != 0)
        {
            throw new InvalidOperationException($"request-timeout ran {executed} events with {_requestsLeft} requests left; expected {Events} and 0");
        }
        return executed;
    }

    public string Describe()
    {
        long responses = 0, cancelled = 0, fired = 0;
        foreach (var c in _clients)
        {
            responses += c.Responses;
            cancelled += c.TimeoutsCancelled;
            fired += c.TimeoutsFired;
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"{responses} responses, {cancelled} timeouts cancelled ({100.0 * cancelled / (cancelled + fired):F1}%), {fired} fired");
    }

    /// <summary>Takes one request from the run's budget; false once it is spent.</summary>
    internal bool TryReserveRequest()
    {
        if (_requestsLeft == 0) return false;
        _requestsLeft--;
        return true;
    }
}
