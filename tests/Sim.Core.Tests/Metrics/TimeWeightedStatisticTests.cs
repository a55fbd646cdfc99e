using Sim.Core.Metrics;
using Sim.Core.Time;

namespace Sim.Core.Tests.Metrics;

public sealed class TimeWeightedStatisticTests
{
    private static SimTime Sec(long s) => SimTime.Zero + SimDuration.FromSeconds(s);

    [Fact]
    public void AverageUntil_PiecewiseConstant_IsAreaOverTime()
    {
        // 2 for [0,1), 4 for [1,4): area 2 + 12 = 14 over 4 s.
        var s = new TimeWeightedStatistic();
        s.Reset(Sec(0));
        s.Set(Sec(0), 2);
        s.Set(Sec(1), 4);

        Assert.Equal(3.5, s.AverageUntil(Sec(4)), precision: 12);
    }

    [Fact]
    public void AverageUntil_BeforeAnyTimePassed_IsNaN()
    {
        var s = new TimeWeightedStatistic();
        s.Reset(Sec(3));

        Assert.True(double.IsNaN(s.AverageUntil(Sec(3))));
    }

    [Fact]
    public void AverageUntil_NeverStarted_IsNaN()
    {
        Assert.True(double.IsNaN(new TimeWeightedStatistic().AverageUntil(Sec(3))));
    }

    [Fact]
    public void Set_WithoutReset_StartsObservingAtFirstSet()
    {
        var s = new TimeWeightedStatistic();
        s.Set(Sec(10), 6);

        Assert.Equal(6.0, s.AverageUntil(Sec(12)), precision: 12);
    }

    [Fact]
    public void Reset_AfterHistory_DiscardsPastButKeepsCurrentValue()
    {
        var s = new TimeWeightedStatistic();
        s.Reset(Sec(0));
        s.Set(Sec(0), 100);
        s.Set(Sec(5), 1);
        s.Reset(Sec(10));

        Assert.Equal(1.0, s.AverageUntil(Sec(20)), precision: 12);
        Assert.Equal(1.0, s.Current);
    }
}
