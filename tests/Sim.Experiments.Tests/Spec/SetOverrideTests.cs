using Sim.Core.Time;
using Sim.Experiments.Tests.Support;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// <c>--set KEY=VALUE</c> overrides written into an experiment before it is read: Kafka keys reach the
/// topic, broker or producer they name, and a problem with an override is reported against the
/// <c>--set</c> option that caused it, not against a line of the file it never came from.
/// </summary>
public sealed class SetOverrideTests
{
    [Fact]
    public void Load_SetTopicKeyTheFileLeftOut_ReachesTheTopic()
    {
        var d = Load(Minimal, "topics.orders.min.insync.replicas=2");

        Assert.Equal(2, Topic(d.Points[0], "orders").MinInSyncReplicas);
    }

    [Fact]
    public void Load_SetBrokerKeyWithoutABrokerSection_ReachesEveryBrokerOfTheCluster()
    {
        var d = Load(Minimal, "architectures.stretch.broker.min.insync.replicas=2");

        Assert.Equal(2, d.Points[0].Plan.Settings["stretch"].Server.Broker.MinInSyncReplicas);
    }

    [Fact]
    public void Load_SetBrokerKeyThatStartsLikeASection_ReachesTheBrokerAsOneKey()
    {
        // broker.session.timeout.ms starts with "broker", a section name: inside a broker block it is still one key.
        var d = Load(Minimal, "architectures.stretch.broker.broker.session.timeout.ms=4000");

        Assert.Equal(SimDuration.FromSeconds(4), d.Points[0].Plan.Settings["stretch"].Server.Broker.BrokerSessionTimeout);
    }

    [Fact]
    public void Load_SetProducerConfigByListIndex_ReachesThatProducer()
    {
        var d = Load(Minimal, "workload.producers.0.config.linger.ms=20");

        Assert.Equal(SimDuration.FromMilliseconds(20), ProducerConfig(d).Linger);
    }

    [Fact]
    public void Load_SetBadValue_IsReportedAgainstTheSetOptionWithItsKey()
    {
        var diagnostics = Fail(Minimal, "topics.orders.partitions=0");

        var diag = Find(diagnostics, "must be from 1 to 10000", key: "topics.orders.partitions");
        Assert.Equal("--set topics.orders.partitions=0", diag.File);
        Assert.Equal(0, diag.Line);
    }

    [Fact]
    public void Load_SetListIndexOutOfRange_IsReportedAgainstTheSetOption()
    {
        var diagnostics = Fail(Minimal, "workload.producers.3.rate=5/s");

        var diag = Find(diagnostics, "is not an item of the list at 'workload.producers' (it has 1 items", key: "workload.producers.3.rate");
        Assert.Equal("--set workload.producers.3.rate=5/s", diag.File);
    }

    [Fact]
    public void Load_SetWithoutAnEqualsSign_SaysHowToWriteIt()
    {
        var diag = Assert.Single(Fail(Minimal, "topics.orders.partitions"));

        Assert.Equal("--set topics.orders.partitions", diag.File);
        Assert.Contains("expected --set KEY=VALUE", diag.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SetMisspelledTopLevelKey_IsAnUnknownKeyAtTheSetOption()
    {
        var diagnostics = Fail(Minimal, "wrkload.producers=[]");

        var diag = Find(diagnostics, "unknown key 'wrkload.producers'", key: "wrkload.producers");
        Assert.Equal("--set wrkload.producers=[]", diag.File);
    }

    [Fact]
    public void Load_SweptValueThatIsInvalid_IsReportedOnTheSweepsLine()
    {
        string yaml = Minimal + """

            sweep:
              grid:
                topics.orders.partitions: [3, 0]
            """;

        var diagnostics = Fail(yaml);

        Find(diagnostics, "must be from 1 to 10000", key: "topics.orders.partitions", line: LineOf(yaml, "[3, 0]"));
    }

    [Fact]
    public void Load_SetOutputsTimeseriesIntervalBesideTimeseries_SetsTheInterval()
    {
        // outputs.timeseries.interval is a key of its own; the file's outputs.timeseries must not swallow it.
        string yaml = Minimal + """

            outputs:
              timeseries: all
            """;

        var d = Load(yaml, "outputs.timeseries.interval=5s");

        Assert.Equal(SimDuration.FromSeconds(5), d.Outputs.TimeseriesInterval);
    }

    [Fact]
    public void Load_SameTextAndOverrides_GiveTheSameHashAndAnotherOverrideAnother()
    {
        var a = Load(Minimal, "topics.orders.partitions=6");
        var b = Load(Minimal, "topics.orders.partitions=6");
        var c = Load(Minimal, "topics.orders.partitions=5");

        // The hash is what --resume compares, so it must follow every input a run depends on.
        Assert.Equal(a.Hash, b.Hash);
        Assert.NotEqual(a.Hash, c.Hash);
        Assert.NotEqual(a.Hash, Load(Minimal).Hash);
    }
}
