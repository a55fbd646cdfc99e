using Sim.Core.Time;

namespace Sim.Benchmarks.Models;

/// <summary>
/// A kernel benchmark model: built from a seed by its constructor, then run to completion once.
/// <para>
/// Every model has a fixed workload (a budget of customers, events, waits or requests), so one run
/// always executes the same number of events and the benchmarks can report figures per event.
/// </para>
/// </summary>
public interface IKernelModel
{
    /// <summary>About half-way through the run in virtual time, where quick mode starts measuring steady-state allocation.</summary>
    SimTime Midpoint { get; }

    /// <summary>Events executed so far.</summary>
    long EventsExecuted { get; }

    /// <summary>Runs events up to <paramref name="until"/> only, so a caller can observe the run part-way.</summary>
    void RunUntil(SimTime until);

    /// <summary>
    /// Runs the model to completion, checks that it executed exactly its workload, and returns the
    /// number of events the scheduler executed over the whole run.
    /// </summary>
    long Run();

    /// <summary>A one-line sanity check of what the run did (a measured mean against theory, counts).</summary>
    string Describe();
}
