using Sim.Network.Topology;
using Sim.Network.Transport;

namespace Sim.Architectures.Faults;

/// <summary>The MirrorMaker 2 Connect worker a fault hits: one by name, or <c>random-worker</c> resolved when it fires.</summary>
public abstract record WorkerRef
{
    private protected WorkerRef() { }

    /// <summary>The worker's name now (null: no worker is up).</summary>
    public abstract string? Resolve(FaultRuntime runtime);

    public sealed record Named(string Name) : WorkerRef
    {
        public override string? Resolve(FaultRuntime runtime) => Name;

        public override string ToString() => Name;
    }

    /// <summary>A worker that is up, drawn from the fault stream.</summary>
    public sealed record RandomUp : WorkerRef
    {
        public override string? Resolve(FaultRuntime runtime)
        {
            var net = runtime.Network;
            var workers = runtime.Run.Plan.Model.MirrorMaker.SelectMany(c => c.Workers).Where(w => net.StateOf(net.Topology.Node(w)) == NodeState.Up)
                .Order(StringComparer.Ordinal).ToList();
            return workers.Count == 0 ? null : workers[runtime.Rng.Next(workers.Count)];
        }

        public override string ToString() => "random-worker";
    }
}
