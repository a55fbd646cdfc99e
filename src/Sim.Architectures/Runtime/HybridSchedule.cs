using Sim.Core.Time;

namespace Sim.Architectures.Runtime;

/// <summary>A span of the horizon simulated in detail: where it lies on the horizon and where on the detailed clock.</summary>
public readonly record struct DetailWindow(SimTime HorizonStart, SimTime HorizonEnd, SimTime DetailStart)
{
    public SimDuration Length => HorizonEnd - HorizonStart;

    public SimTime DetailEnd => DetailStart + Length;

    /// <summary>The latest fault start or repair the window is around (horizon time); null for the opening window alone.</summary>
    public SimTime? LastPoint { get; init; }

    /// <summary>Whether the window closed before its planned end because the run had recovered (<see cref="HybridCloser"/>).</summary>
    public bool ClosedEarly { get; init; }
}

/// <summary>A span of the horizon not simulated: it follows the detailed clock's <see cref="DetailAt"/> and lasts <see cref="Length"/>.</summary>
public readonly record struct SkippedSpan(SimTime DetailAt, SimTime HorizonStart, SimDuration Length);

/// <summary>
/// Which parts of a long horizon a hybrid run simulates in detail, and where they lie on the detailed clock.
/// Every fault opens a window from <see cref="HybridOptions.Before"/> before its start to <see cref="HybridOptions.After"/>
/// after it, and another around its end (its repair) when that comes within the horizon; the warm-up and <c>Before</c> more
/// open the run. Windows that overlap merge, so a fault shorter than <c>Before</c> plus <c>After</c> is simulated whole. The
/// windows are laid end to end on the detailed clock, so the simulation's state at the end of one window is exactly its
/// state at the start of the next: nothing is rebuilt or approximated in the detailed state, and the time between
/// windows (<see cref="SkippedSpans"/>) is accounted by the probes' steady-state model instead of simulated
/// (docs/hybrid.md). A fault's start and its repair both move to the detailed clock (<see cref="Map"/>), so a long
/// fault holds through the span skipped in its middle and is repaired in the window opened for its repair.
/// </summary>
public sealed class HybridSchedule : Sim.Kafka.IHorizonMap
{
    private readonly List<DetailWindow> _windows = [];
    private int _lastWindow;
    private readonly List<SkippedSpan> _skipped = [];

    public HybridSchedule(IEnumerable<(SimTime At, SimTime? End)> faults, SimTime horizon, SimDuration warmup, HybridOptions options)
    {
        var spans = new List<(SimTime Start, SimTime End, SimTime? Point)> { (SimTime.Zero, Min(horizon, SimTime.Zero + warmup + options.Before), null) };
        foreach (var (at, end) in faults)
        {
            spans.Add(Around(at, horizon, options));
            if (end is { } e && e < horizon) spans.Add(Around(e, horizon, options));
        }
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var detail = SimTime.Zero;
        var (cs, ce, cp) = spans[0];
        foreach (var (s, e, p) in spans.Skip(1))
        {
            if (s <= ce) { ce = Max(ce, e); cp = Later(cp, p); continue; }
            Close(cs, ce, cp, ref detail);
            _skipped.Add(new SkippedSpan(detail, ce, s - ce));
            (cs, ce, cp) = (s, e, p);
        }
        Close(cs, ce, cp, ref detail);
        if (ce < horizon) _skipped.Add(new SkippedSpan(detail, ce, horizon - ce));
        DetailEnd = detail;
        Horizon = horizon;
    }

    /// <summary>The spans simulated in detail, in order.</summary>
    public IReadOnlyList<DetailWindow> DetailWindows => _windows;

    /// <summary>The spans skipped, in order; the last may follow the last window to the horizon.</summary>
    public IReadOnlyList<SkippedSpan> SkippedSpans => _skipped;

    /// <summary>Where the detailed clock ends: the windows' lengths added up.</summary>
    public SimTime DetailEnd { get; private set; }

    public SimTime Horizon { get; }

    /// <summary>Where instant <paramref name="t"/> of the horizon falls on the detailed clock; it must lie in a window.</summary>
    public SimTime Map(SimTime t)
    {
        foreach (var w in _windows)
        {
            if (t >= w.HorizonStart && t <= w.HorizonEnd) return w.DetailStart + (t - w.HorizonStart);
        }
        throw new ArgumentOutOfRangeException(nameof(t), $"{t} lies in no detail window");
    }

    /// <summary>
    /// Where instant <paramref name="d"/> of the detailed clock falls on the horizon: in the first window that holds it (an
    /// instant where one window ends and the next begins is the first's end); past the last window, the horizon. Asked on
    /// every log append (<see cref="Sim.Kafka.HorizonClock"/>), so the window of the last answer is tried first.
    /// </summary>
    public SimTime ToHorizon(SimTime d)
    {
        int i = _lastWindow;
        if (i < _windows.Count && Holds(i, d)) return Mapped(i, d);
        int lo = 0, hi = _windows.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_windows[mid].DetailEnd >= d) hi = mid; else lo = mid + 1;
        }
        if (_windows.Count == 0 || d < _windows[lo].DetailStart || d > _windows[lo].DetailEnd) return Horizon;
        _lastWindow = lo;
        return Mapped(lo, d);
    }

    private bool Holds(int i, SimTime d)
    {
        var w = _windows[i];
        return d <= w.DetailEnd && (d > w.DetailStart || (d == w.DetailStart && (i == 0 || _windows[i - 1].DetailEnd < d)));
    }

    private SimTime Mapped(int i, SimTime d) => _windows[i].HorizonStart + (d - _windows[i].DetailStart);

    /// <summary>
    /// The window holding detailed instant <paramref name="d"/> when it may close there: past its last fault point, with a
    /// skipped span after it to take the rest; -1 otherwise.
    /// </summary>
    public int ClosableAt(SimTime d)
    {
        for (int i = 0; i < _windows.Count; i++)
        {
            var w = _windows[i];
            if (d < w.DetailStart || d >= w.DetailEnd) continue;
            bool pointPassed = w.LastPoint is { } p && d >= w.DetailStart + (p - w.HorizonStart);
            return pointPassed && i < _skipped.Count && _skipped[i].DetailAt == w.DetailEnd ? i : -1;
        }
        return -1;
    }

    /// <summary>
    /// Closes window <paramref name="index"/> at detailed instant <paramref name="d"/> (see <see cref="ClosableAt"/>): the rest of
    /// it joins the skipped span after it, and every later window and span moves that much earlier on the detailed clock.
    /// Returns how much earlier.
    /// </summary>
    public SimDuration CloseAt(int index, SimTime d)
    {
        var w = _windows[index];
        var cut = w.DetailEnd - d;
        var horizonEnd = w.HorizonStart + (d - w.DetailStart);
        _windows[index] = w with { HorizonEnd = horizonEnd, ClosedEarly = true };
        var span = _skipped[index];
        _skipped[index] = new SkippedSpan(d, horizonEnd, span.Length + cut);
        for (int i = index + 1; i < _windows.Count; i++) _windows[i] = _windows[i] with { DetailStart = _windows[i].DetailStart - cut };
        for (int i = index + 1; i < _skipped.Count; i++) _skipped[i] = _skipped[i] with { DetailAt = _skipped[i].DetailAt - cut };
        DetailEnd -= cut;
        return cut;
    }

    private void Close(SimTime start, SimTime end, SimTime? point, ref SimTime detail)
    {
        _windows.Add(new DetailWindow(start, end, detail) { LastPoint = point });
        detail += end - start;
    }

    private static (SimTime, SimTime, SimTime?) Around(SimTime t, SimTime horizon, HybridOptions o) =>
        (t.Nanoseconds < o.Before.Nanoseconds ? SimTime.Zero : t - o.Before, Min(horizon, t + o.After), t);

    private static SimTime? Later(SimTime? a, SimTime? b) => a is not { } x ? b : b is not { } y ? a : x >= y ? a : b;

    private static SimTime Min(SimTime a, SimTime b) => a <= b ? a : b;

    private static SimTime Max(SimTime a, SimTime b) => a >= b ? a : b;
}
