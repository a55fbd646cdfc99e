using HdrHistogram;
using Sim.Architectures.Runtime;
using Sim.Core.Time;

namespace Sim.Architectures.Metrics;

/// <summary>
/// Hybrid fidelity whose windows close once the run has recovered (<c>hybrid.settle</c>, <see cref="HybridCloser"/>):
/// where a window ends is known only when it closes, so the probe finishes each window when the first acknowledgement
/// past its end arrives (or at the run's end). A span skipped in the middle of a fault counts as the latencies of the
/// window's last <c>settle</c> when it closed early (the run was recovered through it), or of the last half of the
/// <c>After</c> tail when it did not (as with fixed windows); the steady parts are those outside every fault and the tail
/// after its repair up to its window's end; the skipped spans' weights are taken at the run's end.
/// </summary>
public sealed partial class LatencyProbe
{
    private SimDuration? _settle;
    private SimDuration _after;
    // The detail window the latest acknowledgement fell in, and the acknowledgements recent enough to join its fault sample.
    private int _window;
    private readonly Queue<(SimTime Sent, SimTime At, long Us, string Site)> _recent = new();

    private void StartSettled(HybridSchedule hybrid, SimDuration after, SimDuration settle)
    {
        (_settle, _after) = (settle, after);
        _disturbed = SettledDisturbed(hybrid);
    }

    /// <summary>The length of the fault sample of a window that closed early or ran its whole length.</summary>
    private SimDuration SampleLength(bool closedEarly) =>
        closedEarly ? _settle!.Value : SimDuration.FromNanosecondsRounded(_after.Nanoseconds / 2.0);

    /// <summary>An acknowledgement at <paramref name="at"/>, in time order: the windows it has passed are finished first.</summary>
    private void AckedSettled(SimTime at, SimDuration latency, long us, string site)
    {
        var h = context.Hybrid!;
        if (_window < h.DetailWindows.Count - 1 && at > h.DetailWindows[_window].DetailEnd)
        {
            while (_window < h.DetailWindows.Count - 1 && at > h.DetailWindows[_window].DetailEnd) FinishWindow(h, _window++);
            _disturbed = SettledDisturbed(h);
            _nextDisturbed = 0;
        }
        var keep = SampleLength(true) > SampleLength(false) ? SampleLength(true) : SampleLength(false);
        while (_recent.Count > 0 && _recent.Peek().At < at - keep) _recent.Dequeue();
        _recent.Enqueue((at - latency, at, us, site));
    }

    /// <summary>
    /// Window <paramref name="index"/> is over: when a fault holds through the span skipped after it, that span counts as the
    /// latencies of requests sent in the window's last sample length (<see cref="SampleLength"/>), weighted by its length.
    /// </summary>
    private void FinishWindow(HybridSchedule h, int index)
    {
        var w = h.DetailWindows[index];
        if (index < h.SkippedSpans.Count)
        {
            var span = h.SkippedSpans[index];
            var end = span.DetailAt;
            if (FaultHoldsAt(end))
            {
                var from = end - SampleLength(w.ClosedEarly) > w.DetailStart ? end - SampleLength(w.ClosedEarly) : w.DetailStart;
                if (end > from)
                {
                    var sample = new FaultSample(from, end, span.Length.TotalSeconds / (end - from).TotalSeconds);
                    foreach (var (sent, at, us, site) in _recent)
                    {
                        if (sent < from || at >= end) continue;
                        sample.Record(site, us, _spareHistograms);
                    }
                    sample.Finish(_spareHistograms);
                    _faultSamples.Add(sample);
                }
            }
        }
        _recent.Clear();
    }

    /// <summary>At the run's end: the last windows finished, and the steady distribution's weight from the windows as they closed.</summary>
    private void FinishSettled()
    {
        var h = context.Hybrid!;
        while (_window < h.DetailWindows.Count) FinishWindow(h, _window++);
        _disturbed = SettledDisturbed(h);
        _skippedWeight = SteadyWeight(h);
    }

    /// <summary>The disturbed spans of the detailed clock: each fault from its start to <c>After</c> past its repair, cut at its window's end.</summary>
    private List<(SimTime Start, SimTime End)> SettledDisturbed(HybridSchedule h)
    {
        var spans = context.PlannedFaults.Select(f => (Start: f.At, End: TailEnd(h, f.End ?? h.DetailEnd))).OrderBy(x => x.Start).ToList();
        return Merge(spans);
    }

    private SimTime TailEnd(HybridSchedule h, SimTime repair)
    {
        var tail = repair + _after;
        foreach (var w in h.DetailWindows)
        {
            if (repair >= w.DetailStart && repair <= w.DetailEnd) return tail < w.DetailEnd ? tail : w.DetailEnd;
        }
        return tail;
    }

    private static List<(SimTime Start, SimTime End)> Merge(List<(SimTime Start, SimTime End)> spans)
    {
        var merged = new List<(SimTime Start, SimTime End)>();
        foreach (var (a, b) in spans)
        {
            if (merged.Count > 0 && a <= merged[^1].End) merged[^1] = (merged[^1].Start, b > merged[^1].End ? b : merged[^1].End);
            else merged.Add((a, b));
        }
        return merged;
    }
}
