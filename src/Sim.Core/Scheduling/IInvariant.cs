namespace Sim.Core.Scheduling;

/// <summary>
/// A condition checked after every event by an <see cref="InvariantMonitor"/>. Checkers live apart from
/// the model and only read it; <see cref="Check"/> returns null when the condition holds, or a
/// sentence saying what is wrong.
/// </summary>
public interface IInvariant
{
    string Name { get; }
    string? Check(Scheduler scheduler);
}
