using BenchmarkDotNet.Attributes;
using Sim.Benchmarks.Models;

namespace Sim.Benchmarks;

/// <summary>
/// PHOLD with 1,000 logical processes and 5,000,000 events. An operation is one event, so Mean is
/// time per event and Allocated is bytes per event, including the model's one-off construction.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(KernelBenchmarkConfig))]
public class PholdBenchmark
{
    [Benchmark(OperationsPerInvoke = (int)PholdModel.Events)]
    public long Phold() => new PholdModel(BenchmarkSeeds.Master).Run();
}
