namespace Sim.Benchmarks;

/// <summary>The master seed every benchmark builds its model from, so each run replays the same trajectory.</summary>
internal static class BenchmarkSeeds
{
    public const ulong Master = 20_240_611;
}
