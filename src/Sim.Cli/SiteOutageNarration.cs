using System.Globalization;
using System.Text;
using Sim.Architectures.Metrics;
using Sim.Results;

namespace Sim.Cli;

/// <summary>The site-outage demo's text: the control plane's story from the trace, and writes per phase from the time series.</summary>
internal static class SiteOutageNarration
{
    private static readonly string[] Told = ["fault", "repair", "fenced", "controller", "leader"];

    /// <summary>Faults, fencing and controller changes, and the first six leader changes.</summary>
    public static string Timeline(RunTrace trace)
    {
        var b = new StringBuilder();
        int leaders = 0;
        foreach (var e in trace.Entries.Where(e => Told.Contains(e.Kind)))
        {
            if (e.Kind == "leader" && ++leaders > 6)
            {
                if (leaders == 7) b.Append("             ... more leader changes\n");
                continue;
            }
            b.Append($"{e.TimeS.ToString("0.000", CultureInfo.InvariantCulture),10} s  {e.Text}\n");
        }
        return b.ToString();
    }

    /// <summary>Records acknowledged and failed before the outage (after the warm-up), during it and after it.</summary>
    public static string Phases(IReadOnlyList<TimeseriesRow> rows, double warmupS, double outageFromS, double outageToS)
    {
        var b = new StringBuilder($"{"phase",-8} {"acked",10} {"failed",8}\n");
        void Phase(string name, Func<double, bool> inside)
        {
            // A row counts what happened in the interval that ends at its time.
            var these = rows.Where(r => inside(r.TimeS)).ToList();
            b.Append($"{name,-8} {these.Sum(r => r.Acked),10:N0} {these.Sum(r => r.Failed),8:N0}\n");
        }
        Phase("before", t => t > warmupS && t <= outageFromS);
        Phase("outage", t => t > outageFromS && t <= outageToS);
        Phase("after", t => t > outageToS);
        return b.ToString();
    }
}
