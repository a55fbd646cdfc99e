using Sim.Core.Time;
using Sim.Network.Transport;

namespace Sim.Kafka.Tests.Support;

/// <summary>Scenario steps for control-plane tests, built only from the cluster's and the network's public faults.</summary>
public static class ControlPlaneExtensions
{
    /// <summary>
    /// A whole zone (AZ or site) loses power: every broker and controller in it crashes with a power
    /// loss, and every node in it, clients included, goes dark, so traffic to it vanishes and only
    /// timeouts reveal the outage.
    /// </summary>
    public static void FailZone(this KafkaScenario t, string zone)
    {
        var z = t.Topology.Zone(zone);
        foreach (var b in t.Cluster.Brokers.Where(b => b.Node.Zone == z).ToList()) t.Cluster.CrashBroker(b.Id, powerLoss: true);
        foreach (var c in t.Cluster.Controllers.Where(c => c.Node.Zone == z).ToList()) t.Cluster.CrashController(c.Id);
        foreach (var n in t.Topology.NodesIn(z).ToList()) t.Network.SetState(n, NodeState.Dark);
    }

    /// <summary>
    /// Runs in steps of <paramref name="step"/> until <paramref name="condition"/> holds or
    /// <paramref name="max"/> has passed; returns the time it was first seen to hold, or null.
    /// </summary>
    public static SimTime? RunUntil(this KafkaScenario t, Func<bool> condition, SimDuration max, SimDuration? step = null)
    {
        var end = t.Now + max;
        var s = step ?? SimDuration.FromMilliseconds(1);
        while (t.Now < end)
        {
            if (condition()) return t.Now;
            t.RunFor(SimDuration.Min(s, end - t.Now));
        }
        return condition() ? t.Now : null;
    }

    /// <summary>The controllers that are alive and act as the active controller now.</summary>
    public static int[] ActiveControllers(this KafkaScenario t) =>
        t.Cluster.Controllers.Where(c => c.Alive && c.IsActive).Select(c => c.Id).ToArray();

    /// <summary>Attaches a fresh <see cref="AckRecorder"/> to the scenario's events.</summary>
    public static AckRecorder TrackAcks(this KafkaScenario t)
    {
        var acks = new AckRecorder();
        t.Events.Add(acks);
        return acks;
    }
}
