namespace Sim.Architectures.Faults;

/// <summary>
/// A condition a fault waits for before it fires (<c>when:</c>): read from the run's state, never from a
/// result, and checked at the trigger's sampling tick (<see cref="FaultTrigger"/>). Each kind is checked
/// when the plan is read, so one that can never hold (a partition that does not exist, an ISR larger than
/// the replication factor) is an error at its key rather than a fault that silently never fires.
/// </summary>
public abstract record FaultCondition
{
    private protected FaultCondition() { }

    /// <summary>Whether the condition holds now.</summary>
    public abstract bool Holds(FaultRuntime runtime);
}
