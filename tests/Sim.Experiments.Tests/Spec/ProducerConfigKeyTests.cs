using Sim.Core.Time;
using static Sim.Experiments.Tests.Support.ExperimentFiles;

namespace Sim.Experiments.Tests.Spec;

/// <summary>
/// A producer's keys under Kafka's own names: <c>acks</c> as Kafka accepts it, <c>.ms</c> keys taking a bare
/// number of milliseconds or a duration with its unit, the idempotent producer's rule from KIP-679
/// (quietly off when the settings forbid it, an error when asked for explicitly), and rates per second or
/// per minute.
/// </summary>
public sealed class ProducerConfigKeyTests
{
    private const string Line = "- { zone: a, topic: orders, rate: 100/s }";

    private static string WithProducer(string producer) => Minimal.Replace(Line, "- " + producer, StringComparison.Ordinal);

    private static string WithConfig(string config) => WithProducer($"{{ zone: a, topic: orders, rate: 100/s, config: {{ {config} }} }}");

    [Theory]
    [InlineData("all", -1)]
    [InlineData("-1", -1)]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    public void Load_AcksKafkaAccepts_SetsTheProducersAcks(string acks, short expected)
    {
        var d = Load(WithConfig($"acks: {acks}"));

        Assert.Equal(expected, ProducerConfig(d).Acks);
    }

    [Fact]
    public void Load_AcksTwo_IsAnErrorNamingTheKey()
    {
        string yaml = WithConfig("acks: 2");

        var diag = Expect(yaml, "acks must be all, -1, 0 or 1, not '2'", key: "workload.producers.0.config.acks", line: LineOf(yaml, "acks: 2"));
        Assert.Contains("min.insync.replicas", diag.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("linger.ms: 20", 20_000)]
    [InlineData("linger.ms: 0", 0)]
    [InlineData("linger.ms: 1.5", 1_500)]
    [InlineData("linger.ms: 2s", 2_000_000)]
    [InlineData("linger.ms: 250us", 250)]
    public void Load_MsKey_TakesABareNumberAsMillisecondsOrADurationWithItsUnit(string config, long microseconds)
    {
        var d = Load(WithConfig(config));

        Assert.Equal(SimDuration.FromMicroseconds(microseconds), ProducerConfig(d).Linger);
    }

    [Fact]
    public void Load_MsKeyOfAnInterval_RejectsZero()
    {
        string yaml = WithConfig("request.timeout.ms: 0");

        Expect(yaml, "must be more than zero", key: "workload.producers.0.config.request.timeout.ms");
    }

    [Fact]
    public void Load_MsKeyWithAnUnknownUnit_IsAnErrorAtTheKey()
    {
        string yaml = WithConfig("delivery.timeout.ms: 2fortnights");

        Expect(yaml, "unknown duration unit 'fortnights'", key: "workload.producers.0.config.delivery.timeout.ms", line: LineOf(yaml, "2fortnights"));
    }

    [Fact]
    public void Load_MisspelledProducerKey_HintsAtTheNearestKafkaKey()
    {
        var diag = Expect(WithConfig("lingr.ms: 5"), "unknown key 'lingr.ms'", key: "workload.producers.0.config.lingr.ms");

        Assert.Equal("did you mean 'linger.ms'?", diag.Hint);
    }

    [Fact]
    public void Load_AcksAllByDefault_LeavesIdempotenceOn()
    {
        var d = Load(Minimal);

        Assert.Equal(-1, ProducerConfig(d).Acks);
        Assert.True(ProducerConfig(d).EnableIdempotence);
    }

    [Theory]
    [InlineData("acks: 1")]
    [InlineData("acks: 0")]
    [InlineData("max.in.flight.requests.per.connection: 6")]
    [InlineData("retries: 0")]
    public void Load_SettingsThatForbidIdempotenceWithoutAskingForIt_QuietlyTurnIdempotenceOff(string config)
    {
        var d = Load(WithConfig(config));

        Assert.False(ProducerConfig(d).EnableIdempotence);
    }

    [Fact]
    public void Load_AcksOneWithIdempotenceAskedFor_IsAnErrorAtEnableIdempotence()
    {
        string yaml = WithProducer("""
            zone: a
                  topic: orders
                  rate: 100/s
                  config:
                    acks: 1
                    enable.idempotence: true
            """);

        var diag = Expect(yaml, "the idempotent producer needs acks=all", key: "workload.producers.0.config.enable.idempotence",
            line: LineOf(yaml, "enable.idempotence: true"));
        Assert.Equal("set enable.idempotence: false, or acks: all", diag.Hint);
    }

    [Fact]
    public void Load_AcksOneWithIdempotenceTurnedOff_IsAccepted()
    {
        var d = Load(WithConfig("acks: 1, enable.idempotence: false"));

        Assert.Equal(1, ProducerConfig(d).Acks);
        Assert.False(ProducerConfig(d).EnableIdempotence);
    }

    [Theory]
    [InlineData("2000/s", 2000.0)]
    [InlineData("120000/min", 2000.0)]
    [InlineData("250", 250.0)]
    [InlineData("0.5/s", 0.5)]
    public void Load_Rate_IsReadAsRecordsPerSecond(string rate, double perSecond)
    {
        var d = Load(WithProducer($"{{ zone: a, topic: orders, rate: {rate} }}"));

        Assert.Equal(perSecond, Producer(d.Points[0]).Workload!.RecordsPerSecond, precision: 9);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("-5/s")]
    [InlineData("2000/h")]
    [InlineData("/s")]
    public void Load_BadRate_IsAnErrorAtTheRateWithTheFormsARateTakes(string rate)
    {
        string yaml = WithProducer($"{{ zone: a, topic: orders, rate: {rate} }}");

        var diag = Expect(yaml, $"'{rate}' is not a rate", key: "workload.producers.0.rate", line: LineOf(yaml, "rate: "));
        Assert.Equal("write records per second as 2000/s, per minute as 120000/min, bytes as 50MB/s, or max (as fast as acknowledgements allow)", diag.Hint);
    }

    [Fact]
    public void Load_ProducerWithoutARate_SaysARateIsNeeded()
    {
        Expect(WithProducer("{ zone: a, topic: orders }"), "a producer needs a 'rate'", key: "workload.producers.0.rate");
    }

    [Fact]
    public void Load_ProducerOfATopicNotDeclared_HintsAtTheNearestTopic()
    {
        var diag = Expect(WithProducer("{ zone: a, topic: order, rate: 100/s }"), "no topic 'order' in 'topics'", key: "workload.producers.0.topic");

        Assert.Equal("did you mean 'orders'?", diag.Hint);
    }

    [Fact]
    public void Load_RateMax_IsAClosedLoopWithNoRate()
    {
        var d = Load(WithProducer("{ zone: a, topic: orders, rate: max }"));

        var w = Producer(d.Points[0]).Workload!;
        Assert.True(w.ClosedLoop);
        Assert.Equal(0, w.RecordsPerSecond);
    }

    [Theory]
    [InlineData("arrivals: constant", "arrivals")]
    [InlineData("bursts: [{ at: 1s, duration: 1s, factor: 2 }]", "bursts")]
    public void Load_RateMaxWithAKeyShapingARate_IsAnErrorNamingTheKey(string extra, string key)
    {
        Expect(WithProducer($"{{ zone: a, topic: orders, rate: max, {extra} }}"), "'rate: max' sends as fast as acknowledgements allow",
            key: $"workload.producers.0.{key}");
    }
}
