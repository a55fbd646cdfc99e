namespace Sim.MirrorMaker.Tasks;

/// <summary>A connector task running on a worker: stopped when the worker dies, or gracefully when tasks are reconfigured.</summary>
internal interface ITaskInstance
{
    /// <param name="graceful">A graceful stop commits what the task has finished first (Connect's stop with offset commit); a crash commits nothing.</param>
    void Stop(bool graceful);
}
