using System.Diagnostics;
using System.Globalization;
using Sim.Benchmarks.Models;

namespace Sim.Benchmarks;

/// <summary>
/// A fast alternative to the BenchmarkDotNet suite (<c>-- quick</c>): each model runs once to warm
/// up the JIT, then once measured with a stopwatch and the thread's allocation counter. It prints
/// operations per second and bytes per operation, both for the whole invocation (construction and
/// run, as BenchmarkDotNet measures it) and for the run alone.
/// </summary>
internal static class QuickMode
{
    private sealed record Workload(string Name, string Unit, long Operations, Func<ulong, IKernelModel> Build);

    private static readonly Workload[] Workloads =
    [
        new("M/M/1 (rho 0.8, 2M customers)", "events", MM1Model.Events, seed => new MM1Model(seed)),
        new("PHOLD (1,000 LPs)", "events", PholdModel.Events, seed => new PholdModel(seed)),
        new("Churn (10,000 processes)", "waits", ChurnModel.Waits, seed => new ChurnModel(seed)),
        new("Request timeouts (10,000 clients)", "events", RequestTimeoutModel.Events, seed => new RequestTimeoutModel(seed)),
    ];

    public static void Run(TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"{"model",-36} {"ops",10} {"unit",-7} {"seconds",8} {"M ops/s",8} {"B/op",8} {"B/op run",9}"));
        foreach (var w in Workloads)
        {
            w.Build(BenchmarkSeeds.Master).Run();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            long allocStart = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            var model = w.Build(BenchmarkSeeds.Master);
            long allocBuilt = GC.GetAllocatedBytesForCurrentThread();
            model.Run();
            long t1 = Stopwatch.GetTimestamp();
            long allocEnd = GC.GetAllocatedBytesForCurrentThread();

            double seconds = (t1 - t0) / (double)Stopwatch.Frequency;
            double perOp = (allocEnd - allocStart) / (double)w.Operations;
            double perOpRun = (allocEnd - allocBuilt) / (double)w.Operations;
            output.WriteLine(string.Create(inv,
                $"{w.Name,-36} {w.Operations,10} {w.Unit,-7} {seconds,8:F3} {w.Operations / seconds / 1e6,8:F2} {perOp,8:F3} {perOpRun,9:F4}"));
            output.WriteLine("    " + model.Describe());
        }
    }
}
