using Sim.Core.Time;

namespace Sim.Core.Queueing;

/// <summary>Told when a job submitted to a <see cref="FifoServer"/> finishes service.</summary>
public interface IServiceCompletion
{
    /// <param name="tag">The caller's tag given at submission (a request id, an index).</param>
    /// <param name="state">The caller's object given at submission, if any.</param>
    /// <param name="waited">Time spent queued before service began.</param>
    void OnServed(long tag, object? state, SimDuration waited);
}
