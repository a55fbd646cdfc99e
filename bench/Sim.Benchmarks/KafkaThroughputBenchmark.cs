using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Sim.Benchmarks.Models;
using Sim.Core.Time;

namespace Sim.Benchmarks;

/// <summary>
/// BenchmarkDotNet wrapper of <see cref="KafkaThroughputModel"/>: one 60-simulated-second run per
/// iteration (the full ten-minute run with memory samples is <c>quick kafka</c>).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class KafkaThroughputBenchmark
{
    [Benchmark(Description = "Kafka data plane, 50 MB/s, 60 simulated s")]
    public long FiftyMegabytesPerSecondForAMinute() =>
        KafkaThroughputModel.Run(SimDuration.FromSeconds(60), SimDuration.FromSeconds(60)).Samples[^1].Events;
}
