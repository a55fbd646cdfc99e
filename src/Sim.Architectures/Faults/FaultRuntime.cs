using Sim.Architectures.Runtime;
using Sim.Core.Randomness;
using Sim.Kafka;
using Sim.Network.Topology;
using Sim.Network.Transport;

namespace Sim.Architectures.Faults;

/// <summary>
/// What a fault acts on when it fires: the run, the fault stream (for roles such as
/// <c>random-broker</c>), and the count of faults holding each node down, so a node hit by overlapping
/// faults stays down until the last of them ends.
/// </summary>
public sealed class FaultRuntime(DeploymentRun run, RngStream rng)
{
    private readonly Dictionary<int, int> _downCount = [];

    public DeploymentRun Run => run;

    /// <summary>The fault stream: the only source of draws for roles resolved at fire time.</summary>
    public RngStream Rng => rng;

    public Sim.Network.Transport.Network Network => run.Simulation.Network;

    public NetworkTopology Topology => run.Simulation.Topology;

    public KafkaCluster Cluster(string name) => run.Simulation.Cluster(name);

    /// <summary>Counts a fault on a node; true when the node was up (the caller takes it down).</summary>
    public bool NodeDown(Node n)
    {
        _downCount.TryGetValue(n.Index, out int c);
        _downCount[n.Index] = c + 1;
        return c == 0;
    }

    /// <summary>Ends a fault on a node; true when no other fault keeps it down (the caller brings it up).</summary>
    public bool NodeUp(Node n)
    {
        int c = _downCount[n.Index] - 1;
        if (c == 0) _downCount.Remove(n.Index);
        else _downCount[n.Index] = c;
        return c == 0;
    }

    /// <summary>Whether a fault currently holds <paramref name="node"/> down.</summary>
    public bool IsDown(Node node) => _downCount.ContainsKey(node.Index);

    /// <summary>The machine loses power: its brokers, controllers, worker and applications stop.</summary>
    public void PowerOff(Node n)
    {
        var sim = run.Simulation;
        foreach (var c in sim.Clusters.Values) c.PowerOff(n);
        if ((n.Roles & NodeRole.ConnectWorker) != 0) sim.MirrorMaker?.CrashWorker(n.Name, powerLoss: true);
        foreach (var app in run.Apps.Where(a => a.Node == n)) app.Suspend();
        sim.Network.SetState(n, NodeState.Dark);
    }

    public void PowerOn(Node n)
    {
        var sim = run.Simulation;
        sim.Network.SetState(n, NodeState.Up);
        foreach (var c in sim.Clusters.Values) c.PowerOn(n);
        if ((n.Roles & NodeRole.ConnectWorker) != 0) sim.MirrorMaker?.RestartWorker(n.Name);
        foreach (var app in run.Apps.Where(a => a.Node == n)) app.Resume();
    }

    /// <summary>Operators learn of outages that take a failover primary's brokers (operator detection).</summary>
    public void NotifyFailovers(IReadOnlyCollection<Zone> zones, bool began)
    {
        foreach (var fc in run.Failovers.Values)
        {
            if (!fc.Primary.Brokers.Any(b => zones.Contains(b.Node.Zone))) continue;
            if (began) fc.OutageBegan();
            else fc.OutageEnded();
        }
        foreach (var sf in run.StandbyFlowFailovers)
        {
            if (!sf.Primary.Brokers.Any(b => zones.Contains(b.Node.Zone))) continue;
            if (began) sf.OutageBegan();
            else sf.OutageEnded();
        }
    }
}
