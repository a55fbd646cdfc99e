using Sim.Architectures.Model;
using Sim.Architectures.Runtime;
using Sim.Experiments.Demos;
using Sim.Experiments.Models;
using Sim.Experiments.Tests.Support;

namespace Sim.Experiments.Tests.Demos;

/// <summary>The two-metro-DC stretch cluster of the shipped model, with two of its three controllers in site a.</summary>
public class SiteOutageDemoTests
{
    private static ModelDefinition Model() => ModelLoader.Load(Path.Combine(RepoRoot.Models, "two-metro-dcs.yaml"));

    private static SiteOutageDemo.Result Run(string zone, ulong seed = 42) =>
        SiteOutageDemo.Run(Model(), new SiteOutageDemo.Options(zone, Acks: -1, MinInSyncReplicas: 2, ReplicationFactor: 3, Partitions: 12, RecordsPerSecondPerZone: 1000, seed));

    [Fact]
    public void LosingTheSiteWithOneControllerKeepsTheQuorumAndMovesLeadersWithoutLosingData()
    {
        var r = Run("b");
        Assert.True(r.LeaderElections > 0);
        Assert.Equal(0, r.Audit.LostRecords);
        Assert.Contains(r.Timeline, l => l.Contains("fenced"));
        Assert.True(r.Phases[1].RecordsAcked > 0, "partitions whose ISR kept two replicas in site a keep taking writes");
    }

    [Fact]
    public void LosingTheSiteWithTwoControllersStopsEveryElectionUntilItReturns()
    {
        var r = Run("a");
        Assert.DoesNotContain(r.Timeline, l => l.Contains("fenced") && TimeOf(l) < 90);
        Assert.True(r.Phases[1].RecordsAcked < r.Phases[0].RecordsAcked / 100, $"{r.Phases[1].RecordsAcked} acknowledged during the outage");
        Assert.Equal(0, r.Audit.LostRecords);
    }

    [Fact]
    public void TheSameSeedGivesTheSameTrajectoryAndAnotherSeedAnother()
    {
        Assert.Equal(Run("b", 7).Fingerprint, Run("b", 7).Fingerprint);
        Assert.NotEqual(Run("b", 7).Fingerprint, Run("b", 8).Fingerprint);
    }

    private static double TimeOf(string line) =>
        double.Parse(line.Trim().Split(' ')[0].TrimStart('t', '=').TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture);
}
