using System.Diagnostics;
using System.Globalization;
using Sim.Experiments.Running;

namespace Sim.Cli;

/// <summary>
/// Progress of a long run: probes judged (for a capacity search), runs done, simulated time played (both
/// amounts in the one unit the planned total reads best in), and an estimate of the time left from the rate
/// simulated time has been played at so far. On a terminal, one status line redrawn twice a second; in a log
/// or a pipe, a plain line every 10 s, so a batch job shows it is alive without filling its log.
/// </summary>
public sealed class ProgressDisplay : IDisposable
{
    private readonly RunProgress _progress;
    private readonly TextWriter _out;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private int _width;

    private readonly bool _redraw;

    /// <summary>Shows progress on <paramref name="output"/>: redrawn in place on a terminal, a line every 10 s otherwise, or not at all.</summary>
    public ProgressDisplay(RunProgress progress, TextWriter output, ProgressMode mode)
    {
        _progress = progress;
        _out = output;
        _redraw = mode == ProgressMode.Terminal;
        var period = _redraw ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(10);
        if (mode != ProgressMode.Off) _timer = new Timer(_ => Draw(), null, period, period);
    }

    private void Draw()
    {
        string resumed = _progress.RunsSkipped > 0 ? $" (+{_progress.RunsSkipped} resumed)" : "";
        string line = $"{Probes()}runs {_progress.RunsDone}/{_progress.RunsTotal}{resumed}  " +
                      Line(_progress.SimulatedNanos, _progress.SimulatedNanosTotal, _clock.Elapsed.TotalSeconds, _progress.InDetail);
        lock (_out)
        {
            if (_redraw)
            {
                _out.Write("\r" + line.PadRight(_width));
                _width = line.Length;
            }
            else _out.WriteLine(line);
            _out.Flush();
        }
    }

    /// <summary>
    /// "simulated 6.5 of 48.0 min  elapsed 1m05s  left ~7m55s": simulated time played and planned in the one
    /// unit the planned total reads best in (s below 2 minutes, min below 2 hours, h beyond), wall time as m/s.
    /// Hybrid runs count the time of their detail windows ("simulated in detail"), which is what their cost follows.
    /// </summary>
    public static string Line(long simulatedNanos, long plannedNanos, double elapsedSeconds, bool inDetail = false)
    {
        string eta = simulatedNanos >= plannedNanos ? "" : simulatedNanos > 0 ? $"  left ~{Format(elapsedSeconds * (plannedNanos - simulatedNanos) / simulatedNanos)}" : "  left ~?";
        double planned = plannedNanos / 1e9, done = simulatedNanos / 1e9;
        var (scale, unit, format) = planned < 120 ? (1.0, "s", "0") : planned < 7200 ? (60.0, "min", "0.0") : (3600.0, "h", "0.0");
        return string.Create(CultureInfo.InvariantCulture,
            $"simulated {(inDetail ? "in detail " : "")}{(done / scale).ToString(format, CultureInfo.InvariantCulture)} of {(planned / scale).ToString(format, CultureInfo.InvariantCulture)} {unit}  elapsed {Format(elapsedSeconds)}{eta}");
    }

    // A search's budget is an upper bound: most searches converge before spending it, so totals read "at most".
    private string Probes() => _progress.ProbesTotal > 0 ? $"probes {_progress.ProbesDone} (at most {_progress.ProbesTotal})  " : "";

    private static string Format(double seconds) =>
        seconds < 60 ? $"{seconds:0}s" : seconds < 3600 ? $"{(int)(seconds / 60)}m{(int)(seconds % 60):00}s" : $"{(int)(seconds / 3600)}h{(int)(seconds % 3600 / 60):00}m";

    public void Dispose()
    {
        if (_timer is null) return;
        _timer.Dispose();
        Draw();
        if (_redraw) lock (_out) _out.WriteLine();
    }
}
