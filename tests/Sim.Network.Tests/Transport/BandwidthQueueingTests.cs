using Sim.Core;
using Sim.Core.Time;
using Sim.Network.Tests.Support;
using Xunit.Abstractions;
using static Sim.Network.Tests.Support.Profiles;

namespace Sim.Network.Tests.Transport;

/// <summary>
/// A bandwidth-limited link direction is one FIFO transmitter shared by every connection crossing it
/// (<see cref="Sim.Network.Links.LinkState"/>). Fed Poisson arrivals of fixed-size messages it is an
/// M/D/1 queue, whose mean wait is the Pollaczek-Khinchine result Wq = rho / (2 mu (1 - rho)).
/// 12,500-byte messages on 100 Mbps take exactly 1 ms to serialise (mu = 1000/s), and the link has no
/// jitter, so a message's queueing delay is its delay minus RTT/2 minus 1 ms, exactly.
/// </summary>
public sealed class BandwidthQueueingTests(ITestOutputHelper output)
{
    private const int MessageBytes = 12_500;
    private const double ServiceRate = 1_000; // messages per second
    private static readonly SimDuration Rtt = Ms(10);
    private static readonly SimDuration Service = Ms(1);

    [Theory]
    [InlineData(0.5, 400_000, 21UL)]
    [InlineData(0.8, 1_000_000, 22UL)]
    public void Send_PoissonArrivalsOnSaturatedLink_MeanQueueingDelayMatchesMD1(double rho, int messages, ulong seed)
    {
        var warmUp = SimDuration.FromSeconds(10);
        var horizon = warmUp + SimDuration.FromSeconds((long)(messages / (rho * ServiceRate)));
        var f = RunPoisson(rho, seed, horizon);

        var waits = QueueingDelaysMs(f).Where(w => w.SentAt >= SimTime.Zero + warmUp).Select(w => w.WaitMs).ToList();
        double measured = Samples.Mean(waits);
        double expected = rho / (2 * ServiceRate * (1 - rho)) * 1_000; // ms
        double deviation = Samples.RelativeDeviation(measured, expected);
        output.WriteLine($"M/D/1 rho={rho}: {waits.Count} messages, mean Wq {measured:F4} ms vs {expected:F4} ms, deviation {deviation:+0.00%;-0.00%}");
        Assert.True(Math.Abs(deviation) <= 0.05, $"mean Wq {measured:F4} ms vs M/D/1 {expected:F4} ms ({deviation:+0.00%;-0.00%})");
    }

    [Fact]
    public void Send_OfferedLoadAboveCapacity_QueueingDelayGrowsWithoutBound()
    {
        // At rho = 1.25 the transmitter falls behind by a quarter of a second every second: the backlog a
        // message finds at time t is about (rho - 1) t, so the delay keeps growing for as long as the load lasts.
        const double rho = 1.25;
        var horizon = SimDuration.FromSeconds(20);
        var f = RunPoisson(rho, seed: 23, horizon);

        var waits = QueueingDelaysMs(f);
        var windows = Enumerable.Range(0, 4)
            .Select(w => waits.Where(x => (int)(x.SentAt.TotalSeconds / 5) == w).Select(x => x.WaitMs).ToList())
            .Select(Samples.Mean)
            .ToList();
        output.WriteLine("mean Wq per 5 s window (ms): " + string.Join(", ", windows.Select(w => w.ToString("F1"))));
        for (int w = 1; w < windows.Count; w++)
        {
            // Each 5 s window should add about (rho - 1) * 5 s = 1250 ms; demand at least half of that.
            Assert.True(windows[w] - windows[w - 1] > 625, $"window {w}: {windows[w]:F1} ms is not well above {windows[w - 1]:F1} ms");
        }
        double fluid = (rho - 1) * 17_500; // ms, at the last window's midpoint
        Assert.InRange(windows[^1], fluid * 0.9, fluid * 1.1);
    }

    private static NetworkFixture RunPoisson(double rho, ulong seed, SimDuration horizon)
    {
        var f = new NetworkFixture(new ModelBuilder()
            .Zone("r", "a", racks: 1, nodesPerRack: 4)
            .Zone("r", "b", racks: 1, nodesPerRack: 4)
            .Link("a/b", Fixed(Rtt, bandwidth: new Bandwidth(100e6)))
            .Build(), seed);
        Assert.Equal(Service, new Bandwidth(100e6).SerializationDelay(MessageBytes));
        _ = new PoissonSender(f, f.NodesIn("a"), f.NodesIn("b"), rho * ServiceRate, MessageBytes, SimTime.Zero + horizon);
        f.RunUntilIdle();
        return f;
    }

    private static List<(SimTime SentAt, double WaitMs)> QueueingDelaysMs(NetworkFixture f) =>
        f.Received.Select(d => (d.Message.SentAt, (d.Delay - Rtt / 2 - Service).TotalMilliseconds)).ToList();
}
