using Sim.Core.Distributions;
using Sim.Core.Time;
using Sim.Network.Tests.Support;
using Xunit.Abstractions;
using static Sim.Network.Tests.Support.Profiles;

namespace Sim.Network.Tests.Transport;

/// <summary>
/// A message's one-way delay is RTT/2 plus a jitter draw (<see cref="Sim.Network.Links.LinkProfile"/>).
/// Over 100,000 messages the measured mean and 99th percentile must match the configured figures within
/// 2%. Messages are spread over 400 connections, each reused only every 400 ms, far more than the spread
/// of the delays, so TCP's in-order hold-back never shifts a delay (each test checks that it could not).
/// </summary>
public sealed class DelayDistributionTests(ITestOutputHelper output)
{
    private const int Messages = 100_000;
    private const int NodesPerZone = 20;
    private const double Tolerance = 0.02;
    private const double Z99 = 2.3263478740408408; // the standard normal's 99th percentile
    private static readonly SimDuration Rtt = Ms(10);
    private static readonly SimDuration SendInterval = Ms(1);
    private static readonly SimDuration ConnectionReuse = SendInterval * (NodesPerZone * NodesPerZone);
    private static readonly SimDuration NormalStdDev = Ms(0.5);
    private static readonly Lazy<List<double>> NormalRun = new(() => MeasureDelaysMs(NormalJitter(NormalStdDev)));

    [Fact]
    public void Send_NormalJitter_DelayMeanIsHalfTheRtt()
    {
        var delays = NormalRun.Value;

        AssertClose("normal jitter: mean delay (ms)", Samples.Mean(delays), Rtt.TotalMilliseconds / 2);
    }

    [Fact]
    public void Send_NormalJitter_DelayP99IsHalfTheRttPlusZ99StdDevs()
    {
        var stddev = NormalStdDev;
        var delays = NormalRun.Value;

        AssertClose("normal jitter: p99 delay (ms)", Samples.Percentile(delays, 0.99), Rtt.TotalMilliseconds / 2 + Z99 * stddev.TotalMilliseconds);
        AssertClose("normal jitter: delay stddev (ms)", Samples.StdDev(delays), stddev.TotalMilliseconds);
    }

    [Fact]
    public void Send_LogNormalJitter_DelayMeanAndP99MatchTheDistribution()
    {
        // Jitter with median 1 ms and p99 4 ms: sigma = ln(p99 / median) / z99, mean = median * exp(sigma^2 / 2).
        var median = Ms(1);
        var p99 = Ms(4);
        double sigma = Math.Log(4) / Z99;
        var delays = MeasureDelaysMs(LogNormalJitter(median, p99));

        AssertClose("lognormal jitter: mean delay (ms)", Samples.Mean(delays), Rtt.TotalMilliseconds / 2 + median.TotalMilliseconds * Math.Exp(sigma * sigma / 2));
        AssertClose("lognormal jitter: p99 delay (ms)", Samples.Percentile(delays, 0.99), Rtt.TotalMilliseconds / 2 + p99.TotalMilliseconds);
    }

    private static List<double> MeasureDelaysMs(DistributionSpec jitter)
    {
        var f = new NetworkFixture(new ModelBuilder()
            .Zone("r", "a", racks: 1, nodesPerRack: NodesPerZone)
            .Zone("r", "b", racks: 1, nodesPerRack: NodesPerZone)
            .Link("a/b", Jittered(Rtt, jitter))
            .Build(), seed: 7);
        var a = f.NodesIn("a");
        var b = f.NodesIn("b");
        for (int i = 0; i < Messages; i++)
        {
            f.RunUntil(new SimTime(i * SendInterval.Nanoseconds));
            f.Send(a[i % NodesPerZone], b[i / NodesPerZone % NodesPerZone]);
        }
        f.RunUntilIdle();

        Assert.Equal(Messages, f.Received.Count);
        var delays = f.Received.Select(d => d.Delay.TotalMilliseconds).ToList();
        // A connection's next message is sent ConnectionReuse later, so if every delay lies within a
        // window shorter than that, no message can have been held back behind its predecessor.
        Assert.True(delays.Max() - delays.Min() < ConnectionReuse.TotalMilliseconds, "delays spread wider than the connection reuse interval");
        return delays;
    }

    private void AssertClose(string what, double measured, double expected)
    {
        double deviation = Samples.RelativeDeviation(measured, expected);
        output.WriteLine($"{what}: measured {measured:F4}, expected {expected:F4}, deviation {deviation:+0.000%;-0.000%}");
        Assert.True(Math.Abs(deviation) <= Tolerance, $"{what}: measured {measured:F4} vs {expected:F4} ({deviation:+0.00%;-0.00%})");
    }
}
