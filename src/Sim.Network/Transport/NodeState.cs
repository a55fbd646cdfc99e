namespace Sim.Network.Transport;

/// <summary>A node's reachability.</summary>
public enum NodeState
{
    /// <summary>Running and reachable.</summary>
    Up,

    /// <summary>The process is down but the host answers: connections are refused at once (a TCP reset).</summary>
    Stopped,

    /// <summary>The host is gone (power loss, zone outage): traffic to it vanishes and only timeouts tell.</summary>
    Dark,
}
