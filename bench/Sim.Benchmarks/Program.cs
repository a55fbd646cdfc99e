using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Sim.Benchmarks;

/// <summary>
/// Entry point: <c>quick</c> runs each kernel model once and prints events/s and bytes/event;
/// <c>quick kafka [seconds] [partitions]</c> runs the Kafka data-plane benchmark once and prints progress and memory;
/// anything else goes to BenchmarkDotNet (for example <c>--filter '*'</c>), which prints one joined
/// summary table for all the benchmarks it ran.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 1 && args[0] == "quick" && args[1] == "kafka")
        {
            var ci = System.Globalization.CultureInfo.InvariantCulture;
            KafkaQuickMode.Run(Console.Out, args.Length > 2 ? double.Parse(args[2], ci) : 600, args.Length > 3 ? int.Parse(args[3], ci) : 100);
            return;
        }
        if (args.Length > 0 && args[0] == "quick")
        {
            QuickMode.Run(Console.Out);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
            .Run(args, DefaultConfig.Instance.WithOptions(ConfigOptions.JoinSummary));
    }
}
