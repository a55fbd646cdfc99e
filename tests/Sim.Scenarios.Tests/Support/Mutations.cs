using Sim.Experiments.Spec;
using Sim.Kafka.Config;

namespace Sim.Scenarios.Tests.Support;

/// <summary>
/// Breaks the model on purpose for a run, to show the suite catches a broken Kafka. The mutation comes from
/// the caller, or for a whole test run from the environment variable <c>SIM_MUTATION</c>
/// (<c>NoEpochTruncation</c>, <c>NoIsrMinimum</c>), which <c>make mutants</c> sets.
/// </summary>
public static class Mutations
{
    private static readonly AsyncLocal<ModelMutation> Ambient = new();

    /// <summary>The mutation in force: one set by <see cref="Scope"/> on this flow of execution, else the environment's.</summary>
    public static ModelMutation FromEnvironment() =>
        Ambient.Value != ModelMutation.None ? Ambient.Value
        : Enum.TryParse<ModelMutation>(Environment.GetEnvironmentVariable("SIM_MUTATION"), out var m) ? m : ModelMutation.None;

    /// <summary>Breaks the model for every scenario run on this flow of execution until disposed.</summary>
    public static IDisposable Scope(ModelMutation mutation)
    {
        var before = Ambient.Value;
        Ambient.Value = mutation;
        return new Restore(before);
    }

    private sealed class Restore(ModelMutation before) : IDisposable
    {
        public void Dispose() => Ambient.Value = before;
    }

    public static RunSpec Apply(RunSpec spec, ModelMutation mutation)
    {
        if (mutation == ModelMutation.None) return spec;
        var plan = spec.Point.Plan;
        var settings = plan.Settings.ToDictionary(kv => kv.Key, kv => kv.Value with { Server = kv.Value.Server with { Broker = kv.Value.Server.Broker with { Mutation = mutation } } }, StringComparer.Ordinal);
        return spec with { Point = spec.Point with { Plan = plan with { Settings = settings } } };
    }
}
