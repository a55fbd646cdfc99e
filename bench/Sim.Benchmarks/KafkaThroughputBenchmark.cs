using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Sim.Benchmarks.Models;
using Sim.Core.Time;

namespace Sim.Benchmarks;

/// <summary>
/// BenchmarkDotNet wrapper of <see cref="KafkaThroughputModel"/>: one run per iteration at the same byte rate
/// (50 MB/s) over 100, 1,000 and 10,000 partitions, ten simulated seconds each (the full ten-minute run with
/// memory samples is <c>quick kafka</c>; <c>quick kafka 30 10000</c> one at 10,000 partitions).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class KafkaThroughputBenchmark
{
    [Params(100, 1_000, 10_000)]
    public int Partitions { get; set; }

    [Benchmark(Description = "Kafka data plane, 50 MB/s, 10 simulated s")]
    public long FiftyMegabytesPerSecond() =>
        KafkaThroughputModel.Run(SimDuration.FromSeconds(10), SimDuration.FromSeconds(10), partitions: Partitions, sampleMemory: false).Samples[^1].Events;
}
