using Sim.Core.Time;

namespace Sim.Architectures.Faults;

/// <summary>
/// One fault of a plan: when it starts, how long it lasts (null: until the end of the run), and where it
/// was declared (<see cref="Key"/>, for error messages). Each kind is a sealed subtype with its own typed
/// target, checked against the deployment when the plan is read, and its own <see cref="Apply"/>, which
/// returns what it hit and the repair that undoes it when the window ends. The kinds and their names in
/// fault plans are listed in <see cref="FaultKinds"/>.
/// </summary>
public abstract record Fault(SimTime At, SimDuration? Duration)
{
    public string Key { get; init; } = "faults";

    public SimTime? End => Duration is { } d ? At + d : null;

    /// <summary>The condition the fault waits for from <see cref="At"/> (null: it fires at <see cref="At"/>).</summary>
    public FaultTrigger? When { get; init; }

    /// <summary>The kind's name in fault plans (<see cref="FaultKind"/>).</summary>
    public abstract string Kind { get; }

    /// <summary>The target as a fault plan writes it (names and roles, comma-separated).</summary>
    public abstract string TargetText { get; }

    /// <summary>Plan fields written before <c>duration</c> when the fault is printed as YAML (<c>key: value</c>).</summary>
    public virtual IEnumerable<string> LeadingFields => [];

    /// <summary>Plan fields written after <c>duration</c> when the fault is printed as YAML (<c>key: value</c>).</summary>
    public virtual IEnumerable<string> TrailingFields => [];

    /// <summary>Starts the fault now: resolves the target's roles and acts on the run.</summary>
    public abstract FaultEffect Apply(FaultRuntime runtime);
}
