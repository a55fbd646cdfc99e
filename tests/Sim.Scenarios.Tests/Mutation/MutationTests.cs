using Sim.Core.Scheduling;
using Sim.Kafka.Config;
using Sim.Scenarios.Tests.DataPlane;
using Sim.Scenarios.Tests.Support;
using Xunit.Abstractions;

namespace Sim.Scenarios.Tests.Mutation;

/// <summary>
/// The suite can catch a broken model: with a mechanism switched off on purpose, scenarios of the suite
/// fail, through their own assertions or through the invariant checker. (<c>make mutants</c> runs the
/// whole suite under each mutation and counts the failures.)
/// </summary>
public class MutationTests(ITestOutputHelper output)
{
    [Fact]
    public void WithoutEpochTruncation_AReturningLeaderKeepsItsDivergentTail_AndTheCheckerStopsTheRun()
    {
        using var _ = Mutations.Scope(ModelMutation.NoEpochTruncation);
        var e = Assert.Throws<InvariantViolationException>(() => new AcksScenarios(output).AcksOneWritesToAnIsolatedLeaderAreLostWhenThePartitionHeals());
        output.WriteLine(e.Report);
        Assert.Equal("in-sync replicas agree below the high watermark", e.Invariant);
        Assert.NotEmpty(e.Chain);
    }

    [Fact]
    public void WithoutEpochTruncation_TheLeaderEpochScenarioFindsLogsThatDisagree()
    {
        using var _ = Mutations.Scope(ModelMutation.NoEpochTruncation);
        Assert.ThrowsAny<Exception>(() => new LeaderEpochScenarios(output).AfterSuccessiveLeaderChangesDivergedReplicasTruncateAndEveryLogEndsIdentical());
    }

    [Fact]
    public void WithoutTheIsrMinimum_AcksAllIsNoLongerRefused_AndTheMinInsyncScenariosFail()
    {
        using var _ = Mutations.Scope(ModelMutation.NoIsrMinimum);
        var scenarios = new MinInsyncReplicasScenarios(output);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(scenarios.AcksAllIsRefusedWithNotEnoughReplicasBelowMinInsyncReplicasWhileAcksOneKeepsWriting);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(scenarios.BelowMinInsyncReplicasTheHighWatermarkStopsSoConsumersReadNothingAcks1Wrote);
    }

    [Fact]
    public void TheSameScenariosPassOnTheUnbrokenModel()
    {
        new LeaderEpochScenarios(output).AfterSuccessiveLeaderChangesDivergedReplicasTruncateAndEveryLogEndsIdentical();
        new MinInsyncReplicasScenarios(output).AcksAllIsRefusedWithNotEnoughReplicasBelowMinInsyncReplicasWhileAcksOneKeepsWriting();
    }

    [Fact]
    public void TheIsolatedLeaderScenarioPassesOnTheUnbrokenModel() =>
        new AcksScenarios(output).AcksOneWritesToAnIsolatedLeaderAreLostWhenThePartitionHeals();
}
