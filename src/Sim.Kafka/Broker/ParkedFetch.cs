using Sim.Core.Scheduling;
using Sim.Kafka.Protocol;
using Sim.Network.Topology;

namespace Sim.Kafka.Broker;

/// <summary>A fetch held at the broker until enough data is available or its wait runs out (DelayedFetch).</summary>
public sealed class ParkedFetch(FetchRequest request, Node from)
{
    public FetchRequest Request { get; } = request;
    public Node From { get; } = from;
    public EventHandle Expiry { get; set; }
    public bool Done { get; set; }
}
