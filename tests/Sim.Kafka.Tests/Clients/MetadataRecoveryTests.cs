using Sim.Core.Time;
using Sim.Kafka.Clients;
using Sim.Kafka.Config;
using Sim.Kafka.Protocol;
using Sim.Kafka.Tests.Support;

namespace Sim.Kafka.Tests.Clients;

/// <summary>
/// A client's metadata recovery: KIP-899 <c>metadata.recovery.strategy</c> and KIP-1102
/// <c>metadata.recovery.rebootstrap.trigger.ms</c> (CommonClientConfigs; NetworkClient.DefaultMetadataUpdater).
/// </summary>
public class MetadataRecoveryTests
{
    private sealed class FixedBootstrap(params int[] brokers) : IBootstrapServers
    {
        public int Resolutions { get; private set; }

        public IReadOnlyList<int> Resolve(SimTime now)
        {
            Resolutions++;
            return brokers;
        }
    }

    private static (KafkaScenario T, FixedBootstrap Bootstrap) Cluster()
    {
        var t = KafkaScenario.Create().WithTopic("orders", partitions: 3, rf: 3).Build();
        var bootstrap = new FixedBootstrap(t.Cluster.Context.BrokerIds[2]);
        t.Cluster.Context.BootstrapServers = () => bootstrap;
        return (t, bootstrap);
    }

    [Fact]
    public void MaybeRebootstrap_NoKnownBrokerAvailable_ResolvesBootstrapServersAndKnowsWhatTheyLeadTo()
    {
        var (t, bootstrap) = Cluster();
        var metadata = new ClientMetadata(t.Cluster.Context, 1);
        Assert.Equal(t.Cluster.Context.BrokerIds, metadata.Nodes);
        Assert.True(metadata.MaybeRebootstrap(t.Now, noNodeAvailable: true));
        Assert.Equal([t.Cluster.Context.BrokerIds[2]], metadata.Nodes);
        Assert.Equal(1, bootstrap.Resolutions);
        Assert.Single(metadata.Rebootstraps);
    }

    [Fact]
    public void MaybeRebootstrap_StrategyNone_NeverRebootstraps()
    {
        var (t, bootstrap) = Cluster();
        var metadata = new ClientMetadata(t.Cluster.Context, 1, MetadataRecoveryStrategy.None, SimDuration.FromSeconds(1));
        Assert.False(metadata.MaybeRebootstrap(t.Now, noNodeAvailable: true));
        t.RunFor(SimDuration.FromSeconds(5));
        Assert.False(metadata.MaybeRebootstrap(t.Now, noNodeAvailable: true));
        Assert.Equal(0, bootstrap.Resolutions);
        Assert.Equal(t.Cluster.Context.BrokerIds, metadata.Nodes);
    }

    [Fact]
    public void MaybeRebootstrap_NoMetadataForTheTriggerInterval_RebootstrapsThoughABrokerIsAvailable()
    {
        var (t, _) = Cluster();
        var metadata = new ClientMetadata(t.Cluster.Context, 1, MetadataRecoveryStrategy.Rebootstrap, SimDuration.FromSeconds(10));
        Assert.False(metadata.MaybeRebootstrap(t.Now, noNodeAvailable: false));
        t.RunFor(SimDuration.FromSeconds(9));
        Assert.False(metadata.MaybeRebootstrap(t.Now, noNodeAvailable: false));
        t.RunFor(SimDuration.FromSeconds(1));
        Assert.True(metadata.MaybeRebootstrap(t.Now, noNodeAvailable: false));
    }

    [Fact]
    public void Complete_AnAnswerStopsTheTriggerClockAndNamesTheBrokersToAskNext()
    {
        var (t, _) = Cluster();
        var ids = t.Cluster.Context.BrokerIds;
        var metadata = new ClientMetadata(t.Cluster.Context, 1, MetadataRecoveryStrategy.Rebootstrap, SimDuration.FromSeconds(10));
        metadata.MaybeRebootstrap(t.Now, noNodeAvailable: false);
        t.RunFor(SimDuration.FromSeconds(8));
        metadata.Complete(new MetadataResponse { To = Component.Client, From = Component.Broker, Partitions = [], Brokers = [ids[0], ids[1]] });
        Assert.Equal([ids[0], ids[1]], metadata.Nodes);
        t.RunFor(SimDuration.FromSeconds(8));
        // The clock restarted at the next want of metadata, 8 s ago at most.
        Assert.False(metadata.MaybeRebootstrap(t.Now, noNodeAvailable: false));
    }
}
