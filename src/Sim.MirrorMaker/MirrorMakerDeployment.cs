using Sim.Core.Scheduling;
using Sim.Kafka;
using Sim.Kafka.Clients;
using Sim.MirrorMaker.Config;
using Sim.MirrorMaker.Connect;
using Sim.Network.Topology;
using Sim.Network.Transport;

namespace Sim.MirrorMaker;

/// <summary>
/// MirrorMaker 2 across a set of running clusters: its Connect clusters, their flows, and the handle faults
/// act through (crashing and restarting workers). Clusters get numbers (1 and up, by name) that mark where
/// mirrored records were first written. Build the clusters with the topics <see cref="MirrorPlan"/> lists.
/// </summary>
public sealed class MirrorMakerDeployment : IEventHandler
{
    private readonly Network.Transport.Network _network;
    private readonly List<ConnectCluster> _connects = [];
    private readonly Dictionary<string, int> _clusterIds;
    private readonly ClientIdBlock _clientIds;

    public MirrorMakerDeployment(Scheduler scheduler, Network.Transport.Network network, IReadOnlyDictionary<string, KafkaCluster> clusters,
        IReadOnlyList<ConnectClusterConfig> connects, Func<string, Node> node, ClientIdBlock clientIds)
    {
        _clientIds = clientIds;
        Scheduler = scheduler;
        _network = network;
        Clusters = clusters;
        _clusterIds = clusters.Keys.OrderBy(k => k, StringComparer.Ordinal).Select((k, i) => (k, i + 1)).ToDictionary(x => x.k, x => x.Item2, StringComparer.Ordinal);
        foreach (var c in connects)
        {
            var flows = c.Flows.Select(f => new MirrorFlow(f, Cluster(f.Source, f), Cluster(f.Target, f), _clusterIds[f.Source])).ToList();
            _connects.Add(new ConnectCluster(this, c, c.Workers.Select(node).ToList(), flows));
        }
    }

    public Scheduler Scheduler { get; }
    public IReadOnlyDictionary<string, KafkaCluster> Clusters { get; }
    public IReadOnlyList<ConnectCluster> ConnectClusters => _connects;
    public IEnumerable<MirrorFlow> Flows => _connects.SelectMany(c => c.Flows);

    public MirrorFlow Flow(string source, string target) => Flows.FirstOrDefault(f => f.Config.Source == source && f.Config.Target == target)
        ?? throw new ArgumentException($"no flow {source}->{target}");

    /// <summary>The Connect cluster that runs <paramref name="flow"/>.</summary>
    public ConnectCluster ConnectOf(MirrorFlow flow) => _connects.First(c => c.Flows.Contains(flow));

    /// <summary>The number records first written to <paramref name="cluster"/> carry as their origin when mirrored.</summary>
    public int ClusterId(string cluster) => _clusterIds[cluster];

    public string ClusterName(int id) => _clusterIds.First(kv => kv.Value == id).Key;

    internal int NextClientId(string name) => _clientIds.Next(name);

    /// <summary>
    /// Starts every Connect cluster's tasks, in an event at the current time, so that applications set up
    /// alongside (before the kernel runs) exist when the connectors first look for topics and groups.
    /// </summary>
    public void Start() => Scheduler.Schedule(Sim.Core.Time.SimDuration.Zero, this, Scheduler.Kinds.Register("mm2:start"));

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        foreach (var c in _connects) c.Start();
    }

    /// <summary>A worker crashes; with <paramref name="powerLoss"/> its machine goes dark instead of refusing connections.</summary>
    public void CrashWorker(string worker, bool powerLoss = false)
    {
        var (connect, node) = Worker(worker);
        connect.CrashWorker(worker);
        _network.SetState(node, powerLoss ? NodeState.Dark : NodeState.Stopped);
    }

    public void RestartWorker(string worker)
    {
        var (connect, node) = Worker(worker);
        _network.SetState(node, NodeState.Up);
        connect.RestartWorker(worker);
    }

    /// <summary>A worker shuts down cleanly, handing its tasks over at once.</summary>
    public void StopWorker(string worker) => Worker(worker).Connect.StopWorker(worker);

    private (ConnectCluster Connect, Node Node) Worker(string worker)
    {
        foreach (var c in _connects)
        {
            int i = c.Config.Workers.ToList().IndexOf(worker);
            if (i >= 0) return (c, _network.Topology.Nodes.First(n => n.Name == worker));
        }
        throw new ArgumentException($"no Connect worker named '{worker}'");
    }

    private KafkaCluster Cluster(string name, MirrorFlowConfig f) => Clusters.TryGetValue(name, out var c) ? c
        : throw new ArgumentException($"flow {f.Name}: no cluster named '{name}'");
}
