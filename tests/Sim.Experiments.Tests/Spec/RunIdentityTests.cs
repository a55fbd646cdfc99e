using Sim.Core.Time;
using Sim.Experiments.Running;
using Sim.Experiments.Spec;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// Which run is which: run <c>i</c> is point <c>i / replications</c>, replication <c>i % replications</c>;
/// replication r runs with the same seed at every point (common random numbers, so points differ by their
/// knobs and not by their dice) and with a different seed from every other replication.
/// </summary>
public sealed class RunIdentityTests
{
    // Three points (partitions 1, 2, 3) times four replications.
    private static readonly string ThreePointsFourReplications = Minimal + """

        seed: 42
        replications: 4
        sweep:
          grid:
            topics.orders.partitions: [1, 2, 3]
        """;

    [Fact]
    public void TotalRuns_ThreePointsFourReplications_IsTwelve()
    {
        var d = Load(ThreePointsFourReplications);

        Assert.Equal(12, d.TotalRuns);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(3, 0, 3)]
    [InlineData(4, 1, 0)]
    [InlineData(7, 1, 3)]
    [InlineData(11, 2, 3)]
    public void Run_Id_IsPointTimesReplicationsPlusReplication(int runId, int point, int replication)
    {
        var d = Load(ThreePointsFourReplications);

        var run = d.Run(runId);

        Assert.Equal(runId, run.RunId);
        Assert.Equal(point, run.Point.PointId);
        Assert.Equal(replication, run.Replication);
        Assert.Equal(point + 1, Topic(run.Point, "orders").Partitions);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(12)]
    public void Run_IdOutsideTheExperiment_Throws(int runId)
    {
        var d = Load(ThreePointsFourReplications);

        Assert.Throws<ArgumentOutOfRangeException>(() => d.Run(runId));
    }

    [Fact]
    public void Run_SameReplicationAtEveryPoint_HasTheSameSeed()
    {
        var d = Load(ThreePointsFourReplications);

        for (int r = 0; r < 4; r++)
        {
            var seeds = Enumerable.Range(0, 3).Select(p => d.Run(p * 4 + r).Seed).Distinct();
            Assert.Equal([ExperimentDefinition.RunSeed(42, r)], seeds);
        }
    }

    [Fact]
    public void Run_DifferentReplications_HaveDifferentSeeds()
    {
        var d = Load(ThreePointsFourReplications);

        var seeds = Enumerable.Range(0, 4).Select(r => d.Run(r).Seed).ToList();

        Assert.Equal(4, seeds.Distinct().Count());
    }

    [Fact]
    public void Run_AnotherMasterSeed_GivesEveryReplicationAnotherSeed()
    {
        var a = Load(ThreePointsFourReplications);
        var b = Load(ThreePointsFourReplications.Replace("seed: 42", "seed: 43", StringComparison.Ordinal));

        Assert.All(Enumerable.Range(0, 4), r => Assert.NotEqual(a.Run(r).Seed, b.Run(r).Seed));
    }

    [Fact]
    public void Run_Options_CarryTheRunsSeedDurationAndWarmup()
    {
        var d = Load(ThreePointsFourReplications + "\nwarmup: 5s");

        var run = d.Run(6);

        Assert.Equal(run.Seed, run.Options.Seed);
        Assert.Equal(SimDuration.FromMinutes(1), run.Options.Duration);
        Assert.Equal(SimDuration.FromSeconds(5), run.Options.Warmup);
    }

    [Fact]
    public void RunIds_Shards_SplitTheRunsByIdModuloCountWithoutOverlap()
    {
        var d = Load(ThreePointsFourReplications);

        var shards = Enumerable.Range(1, 3).Select(i => ExperimentRunner.RunIds(d, (i, 3))).ToList();

        Assert.Equal([0, 3, 6, 9], shards[0]);
        Assert.Equal([1, 4, 7, 10], shards[1]);
        Assert.Equal(Enumerable.Range(0, 12), shards.SelectMany(s => s).Order());
        Assert.Equal(Enumerable.Range(0, 12), ExperimentRunner.RunIds(d, null));
    }
}
