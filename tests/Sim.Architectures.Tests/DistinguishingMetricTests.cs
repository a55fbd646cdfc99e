using Sim.Architectures.Faults;
using Sim.Architectures.Templates;
using Sim.Architectures.Tests.Support;
using Sim.Core.Time;
using Sim.Results;
using Xunit.Abstractions;

namespace Sim.Architectures.Tests;

/// <summary>
/// Each design's distinguishing metric moves with its own knob, for the reason the multi-site guide gives:
/// a hub carries the sum of its spokes, last-write-wins by timestamp lets clock skew decide, and only designs
/// whose sites both write and mirror to each other have conflicts at all.
/// </summary>
public class DistinguishingMetricTests(ITestOutputHelper output)
{
    private static double Metric(Metrics.RunResult r, MetricInfo m) => r.Metric(m);

    [Fact]
    public void MoreSpokes_PutMoreLoadOnTheHub()
    {
        double HubLoad(int spokes)
        {
            var plan = HubAndSpoke.Build(Arch.FourSites(), new HubAndSpokeOptions(["a", "b"], "c") { SpokeCount = spokes }, Arch.Workload(["a", "b"], ["c"], rate: 100));
            Assert.Equal(spokes + 1, plan.Model.Clusters.Count);
            Assert.Equal(spokes, plan.Apps.Count(a => a.Role == AppRole.Producer));
            var (_, r) = Arch.Run(plan, new FaultPlan([]), Arch.Options(40));
            output.WriteLine($"{spokes} spokes: hub takes {Metric(r, MetricCatalog.MirrorInRecordsPerSMax)} records/s");
            return Metric(r, MetricCatalog.MirrorInRecordsPerSMax);
        }
        double two = HubLoad(2), six = HubLoad(6);
        // Every spoke writes 100 records/s, and the hub copies them all: about 200 against 600.
        Assert.InRange(two, 150, 250);
        Assert.InRange(six / two, 2.5, 3.5);
    }

    [Fact]
    public void ClockSkew_MakesLastWriteWinsLoseMoreUpdates_AndLeavesSitePriorityAlone()
    {
        (double Lww, double Priority, double Conflicts) Run(double skewMs)
        {
            var plan = ActiveActive.Build(Arch.FourSites(), new ActiveActiveOptions(["a", "b"]),
                Arch.Workload(["a", "b"], ["b"], rate: 100, topic: Arch.Orders(partitions: 2)));
            var faults = skewMs == 0 ? new FaultPlan([])
                : new FaultPlan([TestFaults.Read(plan, FaultKind.ClockSkew, 0, null, "b", ("offset", SimDuration.FromMilliseconds(skewMs)))]);
            var (_, r) = Arch.Run(plan, faults, Arch.Options(40));
            var m = (Metric(r, MetricCatalog.UpdatesLostLww), Metric(r, MetricCatalog.UpdatesLostPriority), Metric(r, MetricCatalog.ConflictsPerS));
            output.WriteLine($"skew {skewMs} ms: lww {m.Item1}, priority {m.Item2}, conflicts/s {m.Item3}");
            return m;
        }
        var none = Run(0);
        var skewed = Run(500);
        Assert.True(none.Conflicts > 0, "two sites writing the same keys conflict within MirrorMaker 2's lag");
        // Without skew last-write-wins loses only conflict losers, as many as site priority does.
        Assert.Equal(none.Priority, none.Lww, 0);
        // With b's clock half a second ahead, a's writes that followed b's are stamped earlier and lose too.
        Assert.True(skewed.Lww > skewed.Priority * 1.2, $"lww {skewed.Lww}, priority {skewed.Priority}");
    }

    [Theory]
    [InlineData("active-passive")]
    [InlineData("aggregate")]
    [InlineData("observer")]
    public void OneWayDesigns_HaveNoConflicts(string name)
    {
        var t = Arch.FourSites();
        var plan = name switch
        {
            "active-passive" => ActivePassive.Build(t, new ActivePassiveOptions("a", "b"), Arch.Workload(["b"], ["b"])),
            "aggregate" => AggregateCluster.Build(t, new AggregateOptions(["a", "b"], "c") { ReadAggregate = true }, Arch.Workload(["a", "b"], ["b"])),
            _ => ObserverCluster.Build(t, new ObserverOptions(["a", "b"], "c"), Arch.Workload(["a", "b"], ["c"])),
        };
        if (name == "aggregate") Assert.All(plan.Apps.Where(a => a.Role == AppRole.Consumer), a => Assert.Equal(AggregateCluster.ClusterName, a.Cluster));
        var (_, r) = Arch.Run(plan, new FaultPlan([]), Arch.Options(30));
        Assert.Equal(0, Metric(r, MetricCatalog.ConflictsPerS));
        Assert.True(Metric(r, MetricCatalog.MirrorInRecordsPerSMax) > 0);
    }
}
