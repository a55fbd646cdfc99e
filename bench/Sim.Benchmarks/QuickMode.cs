using System.Diagnostics;
using System.Globalization;
using Sim.Benchmarks.Models;
using Sim.Core.Time;

namespace Sim.Benchmarks;

/// <summary>
/// A fast alternative to the BenchmarkDotNet suite (<c>-- quick</c>): each model runs once to warm
/// up the JIT, then once measured with a stopwatch and the thread's allocation counter.
/// <para>
/// It prints operations per second of wall-clock time and of process CPU time (all threads, so
/// slightly pessimistic, but not inflated by time slicing when other processes compete for the
/// cores), and two allocation figures: bytes per operation for the whole invocation (construction
/// and run, as BenchmarkDotNet's Allocated column measures it), and bytes per event from half-way to
/// three quarters of the way through the run in virtual time, when the event queue's arrays have
/// long reached their working size and the final drain has not
/// begun: the steady state, which should allocate nothing.
/// </para>
/// </summary>
internal static class QuickMode
{
    private sealed record Workload(string Name, string Unit, long Operations, Func<ulong, IKernelModel> Build);

    private static readonly Workload[] Workloads =
    [
        new("M/M/1 (rho 0.8, 2M customers)", "events", MM1Model.Events, seed => new MM1Model(seed)),
        new("PHOLD (1,000 LPs)", "events", PholdModel.Events, seed => new PholdModel(seed)),
        new("Request timeouts (10,000 clients)", "events", RequestTimeoutModel.Events, seed => new RequestTimeoutModel(seed)),
    ];

    public static void Run(TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"model",-34} {"ops",9} {"unit",-6} {"seconds",8} {"M ops/s",8} {"M ops/cpu-s",11} {"B/op",7} {"B/ev steady",11}"));
        foreach (var w in Workloads) Measure(w, output);
    }

    private static void Measure(Workload w, TextWriter output)
    {
        w.Build(BenchmarkSeeds.Master).Run();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var cpu0 = self.TotalProcessorTime;
        long allocStart = GC.GetAllocatedBytesForCurrentThread();
        long t0 = Stopwatch.GetTimestamp();
        var model = w.Build(BenchmarkSeeds.Master);
        model.RunUntil(model.Midpoint);
        long allocSteadyStart = GC.GetAllocatedBytesForCurrentThread();
        long eventsSteadyStart = model.EventsExecuted;
        model.RunUntil(new SimTime(model.Midpoint.Nanoseconds * 3 / 2));
        long allocSteadyEnd = GC.GetAllocatedBytesForCurrentThread();
        long eventsSteady = model.EventsExecuted - eventsSteadyStart;
        model.Run();
        long t1 = Stopwatch.GetTimestamp();
        long allocEnd = GC.GetAllocatedBytesForCurrentThread();
        self.Refresh();
        double cpuSeconds = (self.TotalProcessorTime - cpu0).TotalSeconds;

        double seconds = (t1 - t0) / (double)Stopwatch.Frequency;
        double perOp = (allocEnd - allocStart) / (double)w.Operations;
        double perEventSteady = (allocSteadyEnd - allocSteadyStart) / (double)eventsSteady;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{w.Name,-34} {w.Operations,9} {w.Unit,-6} {seconds,8:F3} {w.Operations / seconds / 1e6,8:F2} {w.Operations / cpuSeconds / 1e6,11:F2} {perOp,7:F3} {perEventSteady,11:F4}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {model.Describe()}; steady window: {eventsSteady} events, {allocSteadyEnd - allocSteadyStart} bytes"));
    }
}
