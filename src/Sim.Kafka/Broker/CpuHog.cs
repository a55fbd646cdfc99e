using Sim.Core.Queueing;
using Sim.Core.Time;

namespace Sim.Kafka.Broker;

/// <summary>
/// A CPU-bound process beside the broker on its host, as CPU chaos tools start one: stress-ng's <c>--cpu</c>
/// workers, Chaos Mesh's StressChaos (<c>stressors.cpu.workers</c>), Gremlin's CPU attack. It runs in slices
/// on the host's cores, queued with the broker's own CPU work, and queues its next slice as each ends: while
/// the cores are idle it holds one of them, and under load it takes its turn like any other runnable thread
/// (the kernel's scheduler shares the cores in time slices; sched_latency is 6-24 ms, so a slice is 10 ms).
/// </summary>
internal sealed class CpuHog(FifoServer cores) : IServiceCompletion
{
    public static readonly SimDuration Slice = SimDuration.FromMilliseconds(10);

    private bool _running;

    public void Start()
    {
        if (_running) return;
        _running = true;
        cores.Submit(Slice, this);
    }

    /// <summary>Stops after the slice it is running: the process is killed, its last slice ends on its own.</summary>
    public void Stop() => _running = false;

    public void OnServed(long tag, object? state, SimDuration waited)
    {
        if (_running) cores.Submit(Slice, this);
    }
}
