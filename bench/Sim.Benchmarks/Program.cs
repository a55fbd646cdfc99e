using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Sim.Benchmarks;

/// <summary>
/// Entry point: <c>quick</c> runs each kernel model once and prints events/s and bytes/event;
/// anything else goes to BenchmarkDotNet (for example <c>--filter '*'</c>), which prints one joined
/// summary table for all the benchmarks it ran.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "quick")
        {
            QuickMode.Run(Console.Out);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
            .Run(args, DefaultConfig.Instance.WithOptions(ConfigOptions.JoinSummary));
    }
}
