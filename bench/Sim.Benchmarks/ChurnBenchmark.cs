using BenchmarkDotNet.Attributes;
using Sim.Benchmarks.Models;

namespace Sim.Benchmarks;

/// <summary>
/// Timeout churn: 10,000 <see cref="Sim.Core.Scheduling.Process"/> coroutines making 5,000,000
/// exponential waits in total. An operation is one wait; the 10,000 start-up steps also run as
/// events but are not counted, which understates the rate by 0.2%. <see cref="StreamPerProcess"/>
/// gives each process its own random stream instead of one shared workload stream.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(KernelBenchmarkConfig))]
public class ChurnBenchmark
{
    [Params(false, true)]
    public bool StreamPerProcess { get; set; }

    [Benchmark(OperationsPerInvoke = (int)ChurnModel.Waits)]
    public long Churn() => new ChurnModel(BenchmarkSeeds.Master, StreamPerProcess).Run();
}
