using Sim.Core.Distributions;
using Sim.Core.Tests.Support;
using Sim.Core.Time;
using Xunit.Abstractions;

namespace Sim.Core.Tests.Queueing;

/// <summary>
/// The kernel, the RNG streams and <see cref="Sim.Core.Queueing.FifoServer"/> together must reproduce
/// closed-form queueing results. Service has mean 1 s (mu = 1), so lambda = rho. Each run discards a
/// warm-up and then measures one to two million customers; the seeds are fixed, so the result is exact
/// and repeatable, and the 2% tolerance is several standard errors wide for these run lengths.
/// </summary>
public sealed class QueueingTheoryTests(ITestOutputHelper output)
{
    private const double Tolerance = 0.02;
    private static readonly SimDuration WarmUp = SimDuration.FromSeconds(20_000);
    private static readonly Distribution ExponentialService = new ExponentialDistribution(SimDuration.NanosPerSecond);
    private static readonly Distribution DeterministicService = new ConstantDistribution(SimDuration.NanosPerSecond);

    private static SimDuration HorizonFor(double rho, long customers) => SimDuration.FromSeconds((long)(customers / rho));

    [Theory]
    [InlineData(0.5, 1_000_000, 101UL)]
    [InlineData(0.8, 2_000_000, 202UL)]
    public void MM1_MeanWaitInQueue_MatchesClosedForm(double rho, long customers, ulong seed)
    {
        var run = SingleServerQueueRun.Run(rho, ExponentialService, seed, WarmUp, HorizonFor(rho, customers));
        double wq = rho / (1.0 - rho); // rho / (mu - lambda) with mu = 1

        AssertClose("M/M/1 Wq", run.MeanWaitSeconds, wq);
    }

    [Theory]
    [InlineData(0.5, 1_000_000, 101UL)]
    [InlineData(0.8, 2_000_000, 202UL)]
    public void MM1_MeanQueueLength_MatchesClosedForm(double rho, long customers, ulong seed)
    {
        var run = SingleServerQueueRun.Run(rho, ExponentialService, seed, WarmUp, HorizonFor(rho, customers));
        double lq = rho * rho / (1.0 - rho);

        AssertClose("M/M/1 Lq", run.MeanQueueLength, lq);
    }

    [Fact]
    public void MD1_MeanWaitInQueue_MatchesPollaczekKhinchine()
    {
        const double rho = 0.8;
        var run = SingleServerQueueRun.Run(rho, DeterministicService, 303UL, WarmUp, HorizonFor(rho, 2_000_000));
        double wq = rho / (2.0 * (1.0 - rho)); // rho / (2 mu (1 - rho)) with mu = 1

        AssertClose("M/D/1 Wq", run.MeanWaitSeconds, wq);
    }

    [Fact]
    public void MD1_MeanQueueLength_MatchesPollaczekKhinchine()
    {
        const double rho = 0.8;
        var run = SingleServerQueueRun.Run(rho, DeterministicService, 303UL, WarmUp, HorizonFor(rho, 2_000_000));
        double lq = rho * rho / (2.0 * (1.0 - rho));

        AssertClose("M/D/1 Lq", run.MeanQueueLength, lq);
    }

    [Fact]
    public void MM1_LittlesLaw_QueueLengthEqualsArrivalRateTimesWait()
    {
        // Lq = lambda * Wq holds for any stable queue; here both come from one run, so it checks the
        // two statistics against each other rather than against theory.
        const double rho = 0.7;
        var run = SingleServerQueueRun.Run(rho, ExponentialService, 404UL, WarmUp, HorizonFor(rho, 500_000));

        AssertClose("Little's law", run.MeanQueueLength, rho * run.MeanWaitSeconds);
    }

    private void AssertClose(string what, double simulated, double theory)
    {
        double deviation = (simulated - theory) / theory;
        output.WriteLine($"{what}: simulated {simulated:F4}, theory {theory:F4}, deviation {deviation:+0.00%;-0.00%}");
        Assert.True(Math.Abs(deviation) <= Tolerance,
            $"{what}: simulated {simulated:F4} vs theory {theory:F4} ({deviation:+0.00%;-0.00%}, tolerance {Tolerance:P0})");
    }
}
