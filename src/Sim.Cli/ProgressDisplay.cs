using System.Diagnostics;
using System.Globalization;
using Sim.Core.Time;
using Sim.Experiments.Running;

namespace Sim.Cli;

/// <summary>
/// One status line on a terminal, redrawn twice a second: probes judged (for a capacity search), runs done, simulated time played, and an
/// estimate of the time left from the rate simulated time has been played at so far. Silent when the
/// output is not a terminal, so logs and pipes get only the final lines.
/// </summary>
public sealed class ProgressDisplay : IDisposable
{
    private readonly RunProgress _progress;
    private readonly TextWriter _out;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private int _width;

    public ProgressDisplay(RunProgress progress, TextWriter output, bool enabled)
    {
        _progress = progress;
        _out = output;
        if (enabled) _timer = new Timer(_ => Draw(), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
    }

    private void Draw()
    {
        long total = _progress.SimulatedNanosTotal;
        long done = _progress.SimulatedNanos;
        double elapsed = _clock.Elapsed.TotalSeconds;
        string eta = done > 0 && total > done ? Format(elapsed * (total - done) / done) : "-";
        string resumed = _progress.RunsSkipped > 0 ? $" (+{_progress.RunsSkipped} resumed)" : "";
        var simulated = SimDuration.FromSeconds(done / 1_000_000_000);
        var planned = SimDuration.FromSeconds(total / 1_000_000_000);
        string line = string.Create(CultureInfo.InvariantCulture,
            $"{Probes()}runs {_progress.RunsDone}/{_progress.RunsTotal}{resumed}  simulated {simulated} of {planned}  elapsed {Format(elapsed)}  left ~{eta}");
        lock (_out)
        {
            _out.Write("\r" + line.PadRight(_width));
            _width = line.Length;
            _out.Flush();
        }
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
        lock (_out) _out.WriteLine();
    }
}
