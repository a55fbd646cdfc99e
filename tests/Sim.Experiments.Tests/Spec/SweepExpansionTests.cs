using Sim.Experiments.Spec;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// <c>grid</c> and <c>zip</c> sweeps: grid axes multiply, zipped keys advance together as one axis, and
/// points are the product of the axes with the first-written axis varying slowest. Every point is bound
/// with its own values, so each point's plan shows them.
/// </summary>
public sealed class SweepExpansionTests
{
    private static string WithSweep(string sweep) => Minimal + "\nsweep:\n" + sweep;

    private static string[] Values(ExperimentDefinition d) => d.Points.Select(p => string.Join(",", p.Parameters.Select(x => x.Value))).ToArray();

    [Fact]
    public void Load_GridTimesGrid_GivesEveryCombinationWithTheFirstKeySlowest()
    {
        var d = Load(WithSweep("""
              grid:
                topics.orders.partitions: [1, 2, 3]
                workload.producers.0.config.acks: [all, "1"]
            """));

        Assert.Equal(["topics.orders.partitions", "workload.producers.0.config.acks"], d.SweptKeys);
        Assert.Equal(["1,all", "1,1", "2,all", "2,1", "3,all", "3,1"], Values(d));
        Assert.Equal(Enumerable.Range(0, 6), d.Points.Select(p => p.PointId));
    }

    [Fact]
    public void Load_GridPoint_IsBoundWithItsOwnValues()
    {
        var d = Load(WithSweep("""
              grid:
                topics.orders.partitions: [1, 2, 3]
                workload.producers.0.config.acks: [all, "1"]
            """));

        Assert.Equal([1, 1, 2, 2, 3, 3], d.Points.Select(p => Topic(p, "orders").Partitions));
        Assert.Equal([-1, 1, -1, 1, -1, 1], d.Points.Select(p => (int)Producer(p).Producer!.Acks));
    }

    [Fact]
    public void Load_Zip_AdvancesItsKeysTogether()
    {
        var d = Load(WithSweep("""
              zip:
                topics.orders.partitions: [1, 2, 3]
                workload.producers.0.rate: [10/s, 20/s, 30/s]
            """));

        Assert.Equal(["1,10/s", "2,20/s", "3,30/s"], Values(d));
        Assert.Equal([10.0, 20.0, 30.0], d.Points.Select(p => Producer(p).Workload!.RecordsPerSecond));
    }

    [Fact]
    public void Load_ZipListsOfDifferentLengths_IsAnErrorNamingEachLength()
    {
        string yaml = WithSweep("""
              zip:
                topics.orders.partitions: [1, 2, 3]
                workload.producers.0.rate: [10/s, 20/s]
            """);

        Expect(yaml, "found topics.orders.partitions: 3, workload.producers.0.rate: 2", key: "sweep.zip",
            line: LineOf(yaml, "topics.orders.partitions: [1, 2, 3]"));
    }

    [Fact]
    public void Load_GridThenZip_MultipliesWithTheGridSlowest()
    {
        var d = Load(WithSweep("""
              grid:
                workload.producers.0.config.acks: [all, "1"]
              zip:
                topics.orders.partitions: [1, 2, 3]
                workload.producers.0.rate: [10/s, 20/s, 30/s]
            """));

        Assert.Equal(["workload.producers.0.config.acks", "topics.orders.partitions", "workload.producers.0.rate"], d.SweptKeys);
        Assert.Equal(["all,1,10/s", "all,2,20/s", "all,3,30/s", "1,1,10/s", "1,2,20/s", "1,3,30/s"], Values(d));
    }

    [Fact]
    public void Load_ZipThenGrid_MultipliesWithTheZipSlowest()
    {
        var d = Load(WithSweep("""
              zip:
                topics.orders.partitions: [1, 2]
                workload.producers.0.rate: [10/s, 20/s]
              grid:
                workload.producers.0.config.acks: [all, "1"]
            """));

        Assert.Equal(["1,10/s,all", "1,10/s,1", "2,20/s,all", "2,20/s,1"], Values(d));
    }

    [Fact]
    public void Load_KeySweptTwice_IsAnErrorAtTheSweep()
    {
        string yaml = WithSweep("""
              grid:
                topics.orders.partitions: [1, 2]
              zip:
                topics.orders.partitions: [3]
            """);

        Expect(yaml, "'topics.orders.partitions' is swept more than once", key: "sweep", line: LineOf(yaml, "sweep:"));
    }

    [Fact]
    public void Load_GridKeyWithNoValues_IsAnError()
    {
        string yaml = WithSweep("""
              grid:
                topics.orders.partitions: []
            """);

        Expect(yaml, "a swept key needs at least one value", key: "sweep.grid.topics.orders.partitions", line: LineOf(yaml, "[]"));
    }

    [Fact]
    public void Load_ZipKeysWithNoValues_IsAnError()
    {
        // Zipped empty lists make an axis of no points, and so an experiment of no runs, which nothing after
        // the loader expects; a grid key with no values is already an error, and a zipped one should be too.
        string yaml = WithSweep("""
              zip:
                topics.orders.partitions: []
                workload.producers.0.rate: []
            """);

        var e = Record.Exception(() => Load(yaml));

        Assert.IsType<Sim.Experiments.Yaml.InputException>(e);
    }

    [Fact]
    public void Load_SweepOverAKeyReadOncePerExperiment_IsAnError()
    {
        // The duration is read once for the whole experiment, before the sweep is applied; sweeping it would
        // label runs with durations they did not run for, so the loader must refuse it rather than ignore it.
        string yaml = WithSweep("""
              grid:
                duration: [1m, 2m]
            """);

        var e = Record.Exception(() => Load(yaml));

        Assert.IsType<Sim.Experiments.Yaml.InputException>(e);
    }

    [Fact]
    public void Load_NoSweep_GivesOnePointWithNoParameters()
    {
        var d = Load(Minimal);

        var point = Assert.Single(d.Points);
        Assert.Empty(point.Parameters);
        Assert.Empty(d.SweptKeys);
    }
}
