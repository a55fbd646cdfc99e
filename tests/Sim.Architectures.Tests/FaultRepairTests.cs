using Sim.Architectures.Faults;
using Sim.Architectures.Runtime;
using Sim.Architectures.Templates;
using Sim.Architectures.Tests.Support;
using Sim.Core.Time;
using Sim.Network.Transport;

namespace Sim.Architectures.Tests;

/// <summary>
/// Each fault kind's repair, called straight after its apply, leaves the run as it found it once the brokers it
/// restarted have loaded their logs (<c>sim.broker.startup.unclean</c>, LogManager.loadLogs).
/// </summary>
public class FaultRepairTests
{
    private static DeploymentPlan Stretch() =>
        StretchCluster.Build(Arch.FourSites(), new StretchOptions(["a", "b", "c"]) { BrokersPerSite = 2 }, Arch.Workload(["a"], ["b"], 100));

    private static (DeploymentRun Run, FaultRuntime Runtime) Start(DeploymentPlan plan)
    {
        var run = new DeploymentRun(plan, FaultPlan.None, Arch.Options(30));
        run.RunUntil(SimTime.FromSeconds(5));
        return (run, new FaultRuntime(run, run.Simulation.Streams.Get("faults")));
    }

    /// <summary>A picture of the state faults touch: node states, clock offsets, disk latencies, blocked pairs and link delays.</summary>
    private static string Snapshot(DeploymentRun run)
    {
        var net = run.Simulation.Network;
        var nodes = run.Simulation.Topology.Nodes;
        var zones = run.Simulation.Topology.Zones;
        return string.Join(";", nodes.Select(n => $"{n.Name}:{net.StateOf(n)}:{net.ClockOffset(n)}"))
            + "|" + string.Join(";", run.Simulation.Clusters.Values.SelectMany(c => c.Brokers).Select(b => $"{b.Node.Name}:{b.Alive}:{b.SlowDiskLatency}"))
            + "|" + string.Join(";", nodes.SelectMany(a => nodes.Where(b => net.IsBlocked(a.Index, b.Index)).Select(b => $"{a.Name}>{b.Name}")))
            + "|" + string.Join(";", zones.SelectMany(a => zones.Select(b => $"{a.Name}-{b.Name}:{net.LinkBetween(a, b).ExtraDelay}")));
    }

    [Theory]
    [InlineData(FaultKind.ClockSkew, "b", "offset")]
    [InlineData(FaultKind.SlowDisk, "stretch-broker-3", "latency")]
    [InlineData(FaultKind.LinkDegradation, "a", "delay")]
    [InlineData(FaultKind.NetworkPartition, "c", null)]
    [InlineData(FaultKind.ZoneOutage, "c", null)]
    [InlineData(FaultKind.DiskFailure, "stretch-broker-3", null)]
    public void Repair_UndoesApply(string kind, string target, string? field)
    {
        var plan = Stretch();
        var (run, runtime) = Start(plan);
        var fields = field is null ? Array.Empty<(string, object)>() : [(field, SimDuration.FromMilliseconds(40))];
        var fault = TestFaults.Read(plan, kind, 5, 10, target, fields);
        string before = Snapshot(run);

        var effect = fault.Apply(runtime);
        Assert.NotEqual(before, Snapshot(run));
        Assert.NotEmpty(effect.Hit.Zones);
        effect.Repair!();
        run.RunUntil(SimTime.FromSeconds(5) + new Sim.Kafka.Config.BrokerConfig().StartupTimeUnclean + SimDuration.FromSeconds(1));

        Assert.Equal(before, Snapshot(run));
    }

    [Fact]
    public void AnOutageWindow_CarriesTheZonesThatWentDark_AndTheNodesItTookDown()
    {
        var plan = Stretch();
        var (run, runtime) = Start(plan);
        var effect = TestFaults.Read(plan, FaultKind.SiteOutage, 5, 10, "c").Apply(runtime);

        Assert.Equal(["c"], effect.Hit.Zones.Select(z => z.Name));
        Assert.All(effect.Hit.Nodes, n => Assert.Equal(NodeState.Dark, run.Simulation.Network.StateOf(n)));
        Assert.StartsWith("c (", effect.Hit.Display, StringComparison.Ordinal);
        effect.Repair!();
    }

    /// <summary>
    /// LogManager.handleLogDirFailure halts the process (Exit.halt) once every log directory failed: the host refuses
    /// connections to it at once, and it stays down, held by the fault, until the disk's replacement restarts it.
    /// </summary>
    [Fact]
    public void ADiskFailure_StopsTheBrokersProcessUntilItsRepair_EvenWhenAnOverlappingCrashEndsFirst()
    {
        var plan = Stretch();
        var (run, runtime) = Start(plan);
        var broker = run.Simulation.Clusters.Values.Single().Brokers.Single(b => b.Node.Name == "stretch-broker-3");
        var disk = TestFaults.Read(plan, FaultKind.DiskFailure, 5, 60, "stretch-broker-3").Apply(runtime);

        Assert.False(broker.Alive);
        Assert.Equal(NodeState.Stopped, run.Simulation.Network.StateOf(broker.Node));
        Assert.True(runtime.IsDown(broker.Node));
        var crash = TestFaults.Read(plan, FaultKind.BrokerCrash, 6, 5, "stretch-broker-3").Apply(runtime);
        crash.Repair!();
        var startup = new Sim.Kafka.Config.BrokerConfig().StartupTimeUnclean + SimDuration.FromSeconds(1);
        run.RunUntil(SimTime.FromSeconds(5) + startup);
        Assert.False(broker.Alive);
        Assert.Equal(NodeState.Stopped, run.Simulation.Network.StateOf(broker.Node));

        disk.Repair!();
        run.RunUntil(SimTime.FromSeconds(5) + startup + startup);
        Assert.True(broker.Alive);
        Assert.Equal(NodeState.Up, run.Simulation.Network.StateOf(broker.Node));
    }
}
