using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sim.Core.Queueing;
using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;

namespace Sim.Cli;

/// <summary>
/// <c>sim demo queue</c>: a self-contained M/M/1 queue on the kernel, compared with its closed form,
/// so the engine can be seen working with no model file involved.
/// </summary>
public static class DemoCommand
{
    public static Command Build()
    {
        var rho = new Option<double>("--rho") { Description = "Server utilisation (arrival rate / service rate), 0 < rho < 1", DefaultValueFactory = _ => 0.8 };
        var customers = new Option<long>("--customers") { Description = "Customers to serve", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<ulong>("--seed") { Description = "Master seed", DefaultValueFactory = _ => 42UL };
        var queue = new Command("queue", "Run an M/M/1 queue on the simulation kernel and compare it with queueing theory") { rho, customers, seed };
        queue.SetAction(r => Run(r.GetValue(rho), r.GetValue(customers), r.GetValue(seed)));
        var cmd = new Command("demo", "Small self-contained demonstrations") { queue, SiteOutageCommand.Build() };
        return cmd;
    }

    private static int Run(double rho, long customers, ulong seed)
    {
        if (rho is <= 0 or >= 1)
        {
            Console.Error.WriteLine($"sim demo: --rho must be between 0 and 1 (exclusive), got {rho.ToString(CultureInfo.InvariantCulture)}");
            return ExitCodes.InvalidInput;
        }
        var clock = Stopwatch.StartNew();
        var result = MM1Demo.Run(rho, customers, seed);
        clock.Stop();
        double mu = 1.0;
        double lambda = rho * mu;
        double wq = rho / (mu - lambda);
        double lq = rho * rho / (1 - rho);
        var ci = CultureInfo.InvariantCulture;
        Console.WriteLine($"M/M/1 queue, rho = {rho.ToString("0.###", ci)}, {customers:N0} customers, seed {seed}");
        Console.WriteLine($"  mean wait in queue   simulated {result.MeanWait.ToString("0.0000", ci),10}   theory {wq.ToString("0.0000", ci),10}   ({Pct(result.MeanWait, wq)})");
        Console.WriteLine($"  mean queue length    simulated {result.MeanQueue.ToString("0.0000", ci),10}   theory {lq.ToString("0.0000", ci),10}   ({Pct(result.MeanQueue, lq)})");
        Console.WriteLine($"  {result.Events:N0} events in {clock.Elapsed.TotalSeconds.ToString("0.00", ci)} s wall ({(result.Events / clock.Elapsed.TotalSeconds / 1e6).ToString("0.0", ci)} M events/s), fingerprint {result.Fingerprint}");
        return ExitCodes.Ok;

        static string Pct(double sim, double theory) => ((sim - theory) / theory).ToString("+0.00%;-0.00%", CultureInfo.InvariantCulture);
    }

    /// <summary>The demo model: Poisson arrivals at rate rho, exponential service of mean 1 time unit (1 s).</summary>
    internal static class MM1Demo
    {
        public sealed record Result(double MeanWait, double MeanQueue, long Events, string Fingerprint);

        public static Result Run(double rho, long customers, ulong seed)
        {
            var sim = new Scheduler();
            var streams = new RngStreams(seed);
            var server = new FifoServer(sim, "server");
            var source = new Source(server, streams.Get("workload/arrivals"), streams.Get("workload/service"), rho, customers, sim.Kinds.Register("arrival"));
            sim.Schedule(SimDuration.Zero, source, source.Kind);
            sim.Run(SimTime.MaxValue, maxEvents: customers * 3 + 10);
            return new Result(server.WaitStatistics.Mean / SimDuration.NanosPerSecond, server.MeanQueueLength, sim.EventsExecuted, sim.Fingerprint.ToString());
        }

        private sealed class Source(FifoServer server, RngStream arrivals, RngStream service, double rho, long customers, int kind) : IEventHandler
        {
            private long _sent;
            public int Kind => kind;

            public void OnEvent(Scheduler scheduler, in SimEvent ev)
            {
                server.Submit(SimDuration.FromNanosecondsRounded(service.NextExponential(1e9)), null);
                if (++_sent < customers)
                    scheduler.Schedule(SimDuration.FromNanosecondsRounded(arrivals.NextExponential(1e9 / rho)), this, kind);
            }
        }
    }
}
