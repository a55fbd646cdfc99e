using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Sim.Benchmarks;

/// <summary>
/// The job for kernel benchmarks. One invocation runs a whole model (millions of events, about a
/// second), so a handful of iterations gives a tight interval; one launch, one warm-up and five
/// measured iterations keep the whole suite to a few minutes on a two-core machine. The Op/s column
/// reads directly as events per second because every benchmark sets OperationsPerInvoke to its
/// event count; Min and Median sit beside the Mean because on a shared machine the fastest
/// iteration is the one least disturbed by other work.
/// </summary>
public sealed class KernelBenchmarkConfig : ManualConfig
{
    public KernelBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithId("Kernel"));
        AddColumn(StatisticColumn.Min, StatisticColumn.Median, StatisticColumn.OperationsPerSecond);
    }
}
