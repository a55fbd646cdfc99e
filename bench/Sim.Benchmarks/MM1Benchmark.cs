using BenchmarkDotNet.Attributes;
using Sim.Benchmarks.Models;

namespace Sim.Benchmarks;

/// <summary>
/// M/M/1 at utilisation 0.8 on <see cref="Sim.Core.Scheduling.Scheduler"/> and
/// <see cref="Sim.Core.Queueing.FifoServer"/>, 2,000,000 customers. An operation is one event
/// (an arrival or a departure), so Mean is time per event and Allocated is bytes per event,
/// including the model's one-off construction spread over all events.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(KernelBenchmarkConfig))]
public class MM1Benchmark
{
    [Benchmark(OperationsPerInvoke = (int)MM1Model.Events)]
    public long MM1() => new MM1Model(BenchmarkSeeds.Master).Run();
}
