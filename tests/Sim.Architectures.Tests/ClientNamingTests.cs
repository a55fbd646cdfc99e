using Sim.Architectures.Runtime;
using Sim.Architectures.Templates;
using Sim.Architectures.Tests.Support;
using Sim.Kafka.Clients;

namespace Sim.Architectures.Tests;

/// <summary>
/// A run's client ids come from its simulation's one allocator, at the numbers the model has always used
/// (applications from 400000, a failover controller's followers and probe from 300000, MirrorMaker 2 from
/// 200000), each named after who owns it.
/// </summary>
public class ClientNamingTests
{
    [Fact]
    public void ApplicationsThatDoNotFailOverAreNamedFromTheApplicationsBlock()
    {
        var plan = StretchCluster.Build(Arch.FourSites(), new StretchOptions(["a", "b", "c"]) { BrokersPerSite = 2 }, Arch.Workload(["a"], ["b"]));
        var run = new DeploymentRun(plan, Faults.FaultPlan.None, Arch.Options(5));
        var names = run.Simulation.ClientIds.Names;
        Assert.Equal("producer-a-orders-1 (producer #1, on cluster stretch)", names[ClientIds.ApplicationsFirst]);
        Assert.Equal("consumer-b-group-b (consumer #1, on cluster stretch)", names[ClientIds.ApplicationsFirst + 1]);
        Assert.Equal(2, names.Count);
    }

    [Fact]
    public void FollowersOfAFailoverAndItsProbeAreNamedFromItsBlockAndMirrorMakerFromItsOwn()
    {
        var plan = ActivePassive.Build(Arch.FourSites(), new ActivePassiveOptions("a", "b"), Arch.Workload(["b"], ["b"]));
        var run = new DeploymentRun(plan, Faults.FaultPlan.None, Arch.Options(5));
        run.RunUntil(Sim.Core.Time.SimTime.FromSeconds(1));
        var names = run.Simulation.ClientIds.Names;
        Assert.Equal("producer-b-orders-1 (producer #1, on cluster a)", names[ClientIds.FailoverFirst]);
        Assert.Equal("consumer-b-group-b (consumer #1, on cluster a)", names[ClientIds.FailoverFirst + 1]);
        Assert.StartsWith("failover probe of cluster a", names[ClientIds.FailoverFirst + 2]);
        Assert.StartsWith("MirrorMaker 2 task a->b/", names[ClientIds.MirrorMakerFirst]);
        Assert.DoesNotContain(names.Keys, id => id >= ClientIds.ApplicationsFirst);
    }
}
