using Sim.Kafka.Config;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// KIP-899's <c>metadata.recovery.strategy</c> (none or rebootstrap, rebootstrap by default since Kafka 4.0, KIP-1102)
/// and KIP-1102's <c>metadata.recovery.rebootstrap.trigger.ms</c> (300000) for producers; Route 53's checker regions
/// (<c>access.health.check.regions</c>), which must be regions or zones of the model.
/// </summary>
public sealed class MetadataRecoveryKeysTests
{
    [Fact]
    public void Load_WithoutTheKeys_ClientsRebootstrapAfterFiveMinutesWithoutMetadata()
    {
        var config = ProducerConfig(Load(Minimal));

        Assert.Equal(MetadataRecoveryStrategy.Rebootstrap, config.MetadataRecoveryStrategy);
        Assert.Equal(Sim.Core.Time.SimDuration.FromMinutes(5), config.MetadataRecoveryRebootstrapTrigger);
    }

    [Fact]
    public void Load_StrategyNoneAndATrigger_AreTheProducers()
    {
        var config = ProducerConfig(Load(Minimal, "workload.producers.0.config.metadata.recovery.strategy=none",
            "workload.producers.0.config.metadata.recovery.rebootstrap.trigger.ms=60000"));

        Assert.Equal(MetadataRecoveryStrategy.None, config.MetadataRecoveryStrategy);
        Assert.Equal(Sim.Core.Time.SimDuration.FromSeconds(60), config.MetadataRecoveryRebootstrapTrigger);
    }

    [Fact]
    public void Load_AnUnknownStrategy_IsAnErrorAtItsKey()
    {
        Find(Fail(Minimal, "workload.producers.0.config.metadata.recovery.strategy=sometimes"), "unknown value 'sometimes'",
            "workload.producers.0.config.metadata.recovery.strategy");
    }

    [Fact]
    public void Load_CheckerRegionsOutsideTheModel_AreAnErrorNamingThem()
    {
        string yaml = Minimal.Replace("    brokers_per_site: 1\n", "    brokers_per_site: 1\n    access: { kind: dns, health.check.regions: [a, b, mars] }\n", StringComparison.Ordinal);

        Expect(yaml, "'mars' is neither a region nor a zone of the model", key: "architectures.stretch.access.health.check.regions");
        Assert.Equal(["a", "b"], Load(yaml.Replace(", mars", "", StringComparison.Ordinal)).Points[0].Plan.Access!.HealthCheckRegions);
    }
}
