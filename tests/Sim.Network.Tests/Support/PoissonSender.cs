using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Network.Topology;
using Sim.Network.Transport;

namespace Sim.Network.Tests.Support;

/// <summary>
/// An open Poisson source of fixed-size messages: exponential gaps drawn from its own workload stream,
/// each message sent on the next of a round of connections from <c>sources</c> to <c>destinations</c>,
/// until <c>stopAt</c>. All connections cross one link direction, so they share its transmitter.
/// </summary>
internal sealed class PoissonSender : IEventHandler
{
    private readonly Sim.Network.Transport.Network _network;
    private readonly IReadOnlyList<Node> _sources;
    private readonly IReadOnlyList<Node> _destinations;
    private readonly RngStream _gaps;
    private readonly double _meanGapNs;
    private readonly int _sizeBytes;
    private readonly SimTime _stopAt;
    private readonly int _kind;

    public PoissonSender(NetworkFixture f, IReadOnlyList<Node> sources, IReadOnlyList<Node> destinations,
        double messagesPerSecond, int sizeBytes, SimTime stopAt)
    {
        _network = f.Network;
        _sources = sources;
        _destinations = destinations;
        _gaps = f.Streams.Get("workload/arrivals");
        _meanGapNs = SimDuration.NanosPerSecond / messagesPerSecond;
        _sizeBytes = sizeBytes;
        _stopAt = stopAt;
        _kind = f.Scheduler.Kinds.Register("test:poisson-send");
        f.Scheduler.Schedule(NextGap(), this, _kind);
    }

    public long Sent { get; private set; }

    public void OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        int connections = _sources.Count * _destinations.Count;
        int c = (int)(Sent % connections);
        _network.Send(_sources[c % _sources.Count], _destinations[c / _sources.Count], new TestMessage(_sizeBytes, Sent));
        Sent++;
        var gap = NextGap();
        if (scheduler.Now + gap <= _stopAt) scheduler.Schedule(gap, this, _kind);
    }

    private SimDuration NextGap() => SimDuration.FromNanosecondsRounded(_gaps.NextExponential(_meanGapNs));
}
