using Sim.Architectures.Templates;
using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary>
/// A class of component stochastic faults hit (<c>broker</c>, <c>controller</c>, <c>mm2-worker</c>,
/// <c>zone</c>, <c>consumer</c>, <c>disk</c>, <c>zone-link</c>): its components in the deployment, each with the fault one failure of it is. A closed set,
/// so a class the simulator does not know is an error when the plan is read.
/// </summary>
public abstract record StochasticClass
{
    private StochasticClass(string name) => Name = name;

    public string Name { get; }

    /// <summary>Every component of the class, in model order, as a maker of its fault (start, repair time).</summary>
    public abstract IEnumerable<Func<SimTime, SimDuration, Fault>> Components(DeploymentPlan plan, StochasticFaults s);

    public static readonly StochasticClass Broker = new BrokerClass();
    public static readonly StochasticClass Controller = new ControllerClass();
    public static readonly StochasticClass Worker = new WorkerClass();
    public static readonly StochasticClass Zone = new ZoneClass();

    /// <summary>Every class, by the names fault plans use.</summary>
    public static readonly StochasticClass Consumer = new ConsumerClass();

    /// <summary>A broker's disks, each failure losing the broker's logs (<see cref="DiskFailure"/>).</summary>
    public static readonly StochasticClass Disk = new DiskClass();

    /// <summary>A zone's links to every other zone, each failure a flap that cuts the zone off while its nodes stay up (<see cref="NetworkPartition"/>).</summary>
    public static readonly StochasticClass ZoneLink = new ZoneLinkClass();

    public static readonly IReadOnlyList<StochasticClass> All = [Broker, Controller, Worker, Zone, Consumer, Disk, ZoneLink];

    public static StochasticClass? Find(string name) => All.FirstOrDefault(c => c.Name == name);

    public override string ToString() => Name;

    private sealed record BrokerClass() : StochasticClass("broker")
    {
        public override IEnumerable<Func<SimTime, SimDuration, Fault>> Components(DeploymentPlan plan, StochasticFaults s) =>
            plan.Model.Clusters.SelectMany(c => c.Brokers.Select(b => new BrokerRef.Named(c.Name, b.Name)))
                .Select(b => (Func<SimTime, SimDuration, Fault>)((at, d) => new BrokerCrash(at, d, b) { Mode = s.Mode, Key = s.Key }));
    }

    private sealed record ControllerClass() : StochasticClass("controller")
    {
        public override IEnumerable<Func<SimTime, SimDuration, Fault>> Components(DeploymentPlan plan, StochasticFaults s) =>
            plan.Model.Clusters.SelectMany(c => c.Controllers.Select(q => new ControllerRef.Named(c.Name, q.Name)))
                .Select(q => (Func<SimTime, SimDuration, Fault>)((at, d) => new ControllerCrash(at, d, q) { Key = s.Key }));
    }

    private sealed record WorkerClass() : StochasticClass("mm2-worker")
    {
        public override IEnumerable<Func<SimTime, SimDuration, Fault>> Components(DeploymentPlan plan, StochasticFaults s) =>
            plan.Model.MirrorMaker.SelectMany(c => c.Workers)
                .Select(w => (Func<SimTime, SimDuration, Fault>)((at, d) => new WorkerCrash(at, d, new WorkerRef.Named(w)) { Key = s.Key }));
    }

    private sealed record ZoneClass() : StochasticClass("zone")
    {
        public override IEnumerable<Func<SimTime, SimDuration, Fault>> Components(DeploymentPlan plan, StochasticFaults s) =>
            plan.Model.Network.Topology.Regions.SelectMany(r => r.Zones).Select(z => PlaceRef.Of(plan, z.Name)!)
                .Select(z => (Func<SimTime, SimDuration, Fault>)((at, d) => new Outage(OutageLevel.Zone, at, d, new Targets<PlaceRef>([z])) { Key = s.Key }));
    }

    private sealed record ConsumerClass() : StochasticClass("consumer")
    {
        public override IEnumerable<Func<SimTime, SimDuration, Fault>> Components(DeploymentPlan plan, StochasticFaults s) =>
            plan.Apps.Where(a => a.Role == AppRole.Consumer)
                .Select(a => (Func<SimTime, SimDuration, Fault>)((at, d) => new ConsumerCrash(at, d, new ConsumerRef.Named(a.Name)) { Key = s.Key }));
    }

    private sealed record DiskClass() : StochasticClass("disk")
    {
        public override IEnumerable<Func<SimTime, SimDuration, Fault>> Components(DeploymentPlan plan, StochasticFaults s) =>
            plan.Model.Clusters.SelectMany(c => c.Brokers.Select(b => new BrokerRef.Named(c.Name, b.Name)))
                .Select(b => (Func<SimTime, SimDuration, Fault>)((at, d) => new DiskFailure(at, d, b) { Key = s.Key }));
    }

    private sealed record ZoneLinkClass() : StochasticClass("zone-link")
    {
        public override IEnumerable<Func<SimTime, SimDuration, Fault>> Components(DeploymentPlan plan, StochasticFaults s) =>
            plan.Model.Network.Topology.Regions.SelectMany(r => r.Zones).Select(z => PlaceRef.Of(plan, z.Name)!)
                .Select(z => (Func<SimTime, SimDuration, Fault>)((at, d) =>
                    new NetworkPartition(at, d, new Targets<NodeRef>([new NodeRef.Place(z)]), null) { Key = s.Key }));
    }
}
