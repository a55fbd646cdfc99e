namespace Sim.Network.Topology;

/// <summary>What a node runs. One node can be both broker and controller (KRaft combined mode).</summary>
[Flags]
public enum NodeRole
{
    None = 0,
    Broker = 1,
    Controller = 2,
    Client = 4,
    ConnectWorker = 8,
    ZooKeeper = 16,
}
