using Sim.Core.Distributions;
using Sim.Core.Scheduling;
using Sim.Core.Tests.Support;
using Sim.Core.Time;

namespace Sim.Core.Tests.Scheduling;

public sealed class TrajectoryFingerprintTests
{
    private static ulong QueueFingerprint(ulong seed) =>
        SingleServerQueueRun.Run(0.7, new ExponentialDistribution(1e9), seed, SimDuration.FromSeconds(10), SimDuration.FromSeconds(2_000))
            .Fingerprint.Value;

    [Fact]
    public void Fingerprint_SameSeedSameModel_IsIdentical()
    {
        Assert.Equal(QueueFingerprint(11), QueueFingerprint(11));
    }

    [Fact]
    public void Fingerprint_DifferentSeed_Differs()
    {
        Assert.NotEqual(QueueFingerprint(11), QueueFingerprint(12));
    }

    [Fact]
    public void Fingerprint_EqualEventsInSwappedOrder_Differs()
    {
        static ulong Run(bool aFirst)
        {
            var sim = new Scheduler();
            int a = sim.Kinds.Register("a");
            int b = sim.Kinds.Register("b");
            var rec = new EventRecorder();
            var at = SimTime.Zero + SimDuration.FromMilliseconds(1);
            sim.ScheduleAt(at, rec, aFirst ? a : b);
            sim.ScheduleAt(at, rec, aFirst ? b : a);
            sim.Run(SimTime.MaxValue, maxEvents: 10);
            return sim.Fingerprint.Value;
        }

        Assert.NotEqual(Run(aFirst: true), Run(aFirst: false));
    }

    [Fact]
    public void Fingerprint_SameKindAtDifferentTime_Differs()
    {
        var x = new TrajectoryFingerprint();
        var y = new TrajectoryFingerprint();
        x.Add(new SimTime(1), 0);
        y.Add(new SimTime(2), 0);

        Assert.NotEqual(x.Value, y.Value);
    }

    [Fact]
    public void Fingerprint_NoEvents_DiffersFromOneEventAtTimeZero()
    {
        var empty = new TrajectoryFingerprint();
        var one = new TrajectoryFingerprint();
        one.Add(SimTime.Zero, 0);

        Assert.NotEqual(empty.Value, one.Value);
    }

    [Fact]
    public void Fingerprint_ToString_IsSixteenHexDigitsOfValue()
    {
        var f = new TrajectoryFingerprint();
        f.Add(new SimTime(42), 3);

        Assert.Equal(f.Value.ToString("x16"), f.ToString());
        Assert.Equal(16, f.ToString().Length);
    }
}
