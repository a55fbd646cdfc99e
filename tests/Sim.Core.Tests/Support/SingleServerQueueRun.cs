using Sim.Core.Distributions;
using Sim.Core.Queueing;
using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;

namespace Sim.Core.Tests.Support;

/// <summary>
/// One seeded run of a single-server FIFO queue fed by a <see cref="PoissonSource"/>: a warm-up whose
/// statistics are discarded, then a measured horizon. Time is in seconds with a mean service time of
/// one second, so the arrival rate equals the utilisation rho.
/// </summary>
internal static class SingleServerQueueRun
{
    public static (double MeanWaitSeconds, double MeanQueueLength, long Served, TrajectoryFingerprint Fingerprint) Run(
        double rho, Distribution serviceTimeNs, ulong seed, SimDuration warmUp, SimDuration horizon)
    {
        var sim = new Scheduler();
        var server = new FifoServer(sim, "server");
        var source = new PoissonSource(sim, server, new RngStreams(seed), rho, serviceTimeNs);
        source.Start(sim);
        // Each customer costs two events (arrival and completion); the cap leaves a wide margin.
        long cap = (long)((warmUp + horizon).TotalSeconds * rho * 4) + 1_000;
        sim.RunFor(warmUp, cap);
        server.ResetStatistics();
        long servedBefore = server.Served;
        sim.RunFor(horizon, cap);
        return (server.WaitStatistics.Mean / SimDuration.NanosPerSecond, server.MeanQueueLength, server.Served - servedBefore, sim.Fingerprint);
    }
}
