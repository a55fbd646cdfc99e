using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Network.Links;
using Sim.Network.Topology;
using Sim.Network.Transport;

namespace Sim.Network.Tests.Support;

/// <summary>
/// One run of the network layer built from options exactly as a model would be: the options are
/// validated, then a scheduler, seeded streams, the topology, the link table and the network are
/// built, and every node gets a <see cref="RecordingEndpoint"/>. Runs are bounded by an event cap.
/// </summary>
internal sealed class NetworkFixture
{
    public const long EventCap = 20_000_000;

    private readonly RecordingEndpoint[] _endpoints;
    private long _nextSequence;

    public NetworkFixture(NetworkOptions options, ulong seed = 1)
    {
        var errors = NetworkOptionsValidator.Validate(options);
        if (errors.Count > 0) throw new ArgumentException("the test model is invalid: " + string.Join("; ", errors));
        Scheduler = new Scheduler();
        Streams = new RngStreams(seed);
        Topology = new NetworkTopology(options.Topology, options.Nodes);
        Links = new LinkTable(Topology, options.Links, options.Defaults);
        Network = new Sim.Network.Transport.Network(Scheduler, Topology, Links, Streams);
        _endpoints = new RecordingEndpoint[Topology.Nodes.Count];
        foreach (var node in Topology.Nodes)
        {
            _endpoints[node.Index] = new RecordingEndpoint(Scheduler, node, Received, Closed);
            Network.Attach(node, _endpoints[node.Index]);
        }
    }

    public Scheduler Scheduler { get; }
    public RngStreams Streams { get; }
    public NetworkTopology Topology { get; }
    public LinkTable Links { get; }
    public Sim.Network.Transport.Network Network { get; }

    /// <summary>Every message delivered, in the order it was delivered.</summary>
    public List<Delivery> Received { get; } = [];

    /// <summary>Every connection-closed callback, in the order they came.</summary>
    public List<Delivery> Closed { get; } = [];

    public SimTime Now => Scheduler.Now;

    public Node Node(string name) => Topology.Node(name);

    public Zone Zone(string name) => Topology.Zone(name);

    public IReadOnlyList<Node> NodesIn(string zone) => Topology.NodesIn(Zone(zone)).ToList();

    public RecordingEndpoint Endpoint(string node) => _endpoints[Node(node).Index];

    public TestMessage Send(string from, string to, int sizeBytes = 100) => Send(Node(from), Node(to), sizeBytes);

    public TestMessage Send(Node from, Node to, int sizeBytes = 100)
    {
        var message = new TestMessage(sizeBytes, _nextSequence++);
        Network.Send(from, to, message);
        return message;
    }

    public void RunFor(SimDuration span) => Scheduler.RunFor(span, EventCap);

    public void RunUntil(SimTime at) => Scheduler.Run(at, EventCap);

    /// <summary>Runs until no event is left (every message delivered or dropped).</summary>
    public void RunUntilIdle() => Scheduler.Run(SimTime.MaxValue, EventCap);

    /// <summary>Forgets every callback logged so far; the lists keep their capacity.</summary>
    public void ClearLogs()
    {
        Received.Clear();
        Closed.Clear();
        foreach (var e in _endpoints) e.Clear();
    }
}
