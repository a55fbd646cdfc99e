using Sim.Architectures.Runtime;
using Sim.Core.Time;

namespace Sim.Architectures.Tests.Hybrid;

/// <summary>
/// The hybrid layout of detail windows and skipped spans, and a window closed early once the run has recovered: the rest
/// of it joins the span after it and everything later moves earlier on the detailed clock, the horizon unchanged.
/// </summary>
public class HybridScheduleTests
{
    private static SimTime S(double s) => SimTime.Zero + SimDuration.FromSeconds(s);

    private static readonly HybridOptions Options = new(SimDuration.FromSeconds(5), SimDuration.FromSeconds(60));

    // Warm-up 20 s; a fault at 1,000 s repaired at 5,000 s and another at 20,000 s repaired at 20,030 s; horizon 100,000 s.
    private static HybridSchedule Schedule() =>
        new([(S(1_000), S(5_000)), (S(20_000), S(20_030))], S(100_000), SimDuration.FromSeconds(20), Options);

    [Fact]
    public void WindowsSurroundEachFaultPointAndRememberTheLastOne()
    {
        var h = Schedule();
        Assert.Equal(4, h.DetailWindows.Count);
        Assert.Null(h.DetailWindows[0].LastPoint);
        Assert.Equal(S(1_000), h.DetailWindows[1].LastPoint);
        Assert.Equal(S(5_000), h.DetailWindows[2].LastPoint);
        // The second fault's start and repair windows overlap and merge: its last point is the repair.
        Assert.Equal(S(20_030), h.DetailWindows[3].LastPoint);
        Assert.Equal((S(19_995), S(20_090)), (h.DetailWindows[3].HorizonStart, h.DetailWindows[3].HorizonEnd));
    }

    [Fact]
    public void AWindowMayCloseOnlyPastItsLastFaultPointAndWithASpanAfterIt()
    {
        var h = Schedule();
        var w1 = h.DetailWindows[1];
        Assert.Equal(-1, h.ClosableAt(S(10)));                           // the opening window has no fault point
        Assert.Equal(-1, h.ClosableAt(w1.DetailStart + SimDuration.FromSeconds(4))); // before the fault
        Assert.Equal(1, h.ClosableAt(w1.DetailStart + SimDuration.FromSeconds(5)));  // at the fault
        Assert.Equal(1, h.ClosableAt(w1.DetailStart + SimDuration.FromSeconds(40)));
        var w3 = h.DetailWindows[3];
        Assert.Equal(-1, h.ClosableAt(w3.DetailStart + SimDuration.FromSeconds(20))); // the repair at 20,030 s is still ahead
        Assert.Equal(3, h.ClosableAt(w3.DetailStart + SimDuration.FromSeconds(40)));
    }

    [Fact]
    public void ClosingEarlyMovesEverythingLaterByTheCutAndKeepsTheHorizon()
    {
        var h = Schedule();
        var before = (Windows: h.DetailWindows.ToList(), Spans: h.SkippedSpans.ToList(), End: h.DetailEnd);
        var at = h.DetailWindows[1].DetailStart + SimDuration.FromSeconds(45);
        var cut = h.CloseAt(1, at);

        Assert.Equal(SimDuration.FromSeconds(20), cut);
        Assert.True(h.DetailWindows[1].ClosedEarly);
        Assert.False(h.DetailWindows[2].ClosedEarly);
        Assert.Equal(at, h.DetailWindows[1].DetailEnd);
        Assert.Equal(S(1_040), h.DetailWindows[1].HorizonEnd);
        Assert.Equal((at, S(1_040), before.Spans[1].Length + cut), (h.SkippedSpans[1].DetailAt, h.SkippedSpans[1].HorizonStart, h.SkippedSpans[1].Length));
        for (int i = 2; i < h.DetailWindows.Count; i++)
        {
            Assert.Equal(before.Windows[i].DetailStart - cut, h.DetailWindows[i].DetailStart);
            Assert.Equal(before.Windows[i].HorizonStart, h.DetailWindows[i].HorizonStart);
            Assert.Equal(before.Windows[i].HorizonEnd, h.DetailWindows[i].HorizonEnd);
        }
        for (int i = 2; i < h.SkippedSpans.Count; i++) Assert.Equal(before.Spans[i] with { DetailAt = before.Spans[i].DetailAt - cut }, h.SkippedSpans[i]);
        Assert.Equal(before.End - cut, h.DetailEnd);
        // Windows and spans still tile the horizon.
        var total = h.DetailWindows.Sum(w => w.Length.TotalSeconds) + h.SkippedSpans.Sum(s => s.Length.TotalSeconds);
        Assert.Equal(100_000, total, 6);
        // The repair maps to the same place relative to its window, now earlier on the detailed clock.
        Assert.Equal(h.DetailWindows[2].DetailStart + SimDuration.FromSeconds(5), h.Map(S(5_000)));
        Assert.Equal(S(5_000), h.ToHorizon(h.Map(S(5_000))));
    }

    [Fact]
    public void TheLastWindowClosesOnlyWhenASpanFollowsIt()
    {
        var h = new HybridSchedule([(S(1_000), S(1_010))], S(1_040), SimDuration.FromSeconds(20), Options);
        var last = h.DetailWindows[^1];
        Assert.Equal(S(1_040), last.HorizonEnd);
        Assert.Equal(-1, h.ClosableAt(last.DetailEnd - SimDuration.FromSeconds(1)));
    }

    [Fact]
    public void ToHorizon_MapsEveryDetailedInstantThroughItsWindow_AWindowsEndBeforeTheNextsStart()
    {
        var h = Schedule();
        // Asked out of order and again, so the remembered window is both right and wrong for the next question.
        foreach (int i in new[] { 2, 0, 3, 1, 1, 3, 0 })
        {
            var w = h.DetailWindows[i];
            var mid = w.DetailStart + SimDuration.FromSeconds(3);
            Assert.Equal(w.HorizonStart + SimDuration.FromSeconds(3), h.ToHorizon(mid));
            Assert.Equal(w.HorizonEnd, h.ToHorizon(w.DetailEnd));
            // Where one window ends and the next begins, the instant is the first one's end.
            var start = i == 0 ? w.HorizonStart : h.DetailWindows[i - 1].HorizonEnd;
            Assert.Equal(start, h.ToHorizon(w.DetailStart));
        }
        Assert.Equal(S(100_000), h.ToHorizon(h.DetailEnd + SimDuration.FromSeconds(1)));
        // A window closed early moves the later ones: the mapping follows.
        h.CloseAt(1, h.DetailWindows[1].DetailStart + SimDuration.FromSeconds(45));
        var w2 = h.DetailWindows[2];
        Assert.Equal(w2.HorizonStart + SimDuration.FromSeconds(1), h.ToHorizon(w2.DetailStart + SimDuration.FromSeconds(1)));
    }
}
