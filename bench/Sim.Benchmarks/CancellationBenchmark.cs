using BenchmarkDotNet.Attributes;
using Sim.Benchmarks.Models;

namespace Sim.Benchmarks;

/// <summary>
/// Request timeouts: 10,000 clients, 5,000,000 requests, about 90% of timeouts cancelled by their
/// response. An operation is one executed event (one per request); behind each the kernel also
/// schedules a second event and cancels about 0.9 of one.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(KernelBenchmarkConfig))]
public class CancellationBenchmark
{
    [Benchmark(OperationsPerInvoke = (int)RequestTimeoutModel.Events)]
    public long RequestTimeouts() => new RequestTimeoutModel(BenchmarkSeeds.Master).Run();
}
