using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// The interactive part of report.html: the same results as the pictures, drawn in the browser by plotly.js (the copy
/// Plotly.NET ships, embedded in the page so it opens offline), with zoom, hover values and series switched on and off
/// from the legend. Three kinds of chart, each only where its data exists: the produce-latency distribution of every
/// sweep point on a "nines" axis (-log10(1 - p), so 99 % and 99.9 % are evenly spaced, as HdrHistogram plots are), one
/// trace per point averaged over its replications; for each design, the time series of its timeline run (records
/// acknowledged and failed, under-replicated and offline partitions, MirrorMaker 2 lag); and the seed's monitoring
/// dashboard of the timeline run.
/// </summary>
internal static class InteractiveCharts
{
    /// <summary>The class of every chart's container, which the page's script and the browser test count.</summary>
    public const string ChartClass = "sim-interactive";

    private static readonly double[] Nines = [0, 50, 90, 99, 99.9, 99.99, 99.999];

    /// <summary>The section's HTML (a heading and one container per chart) and the script that draws them; empty when there is nothing to draw.</summary>
    public static (string Html, string Script) Build(ExperimentResults results)
    {
        var charts = new List<(string Title, object Data, object Layout)>();
        var context = new ChartContext(results);
        if (LatencyCdf(context) is { } cdf) charts.Add(cdf);
        charts.AddRange(Timelines(context));
        if (Monitoring(context) is { } monitoring) charts.Add(monitoring);
        if (charts.Count == 0) return ("", "");

        var html = new StringBuilder("<h2 id=\"interactive-charts\">Interactive charts</h2>\n<p>Drag to zoom, double-click to reset, hover for values, click a legend entry to hide or show its series.</p>\n");
        var script = new StringBuilder("var simCharts = [\n");
        for (int i = 0; i < charts.Count; i++)
        {
            html.Append($"<h3>{WebUtility.HtmlEncode(charts[i].Title)}</h3>\n<div class=\"{ChartClass}\" id=\"sim-interactive-{i}\" style=\"height:520px\"></div>\n");
            script.Append("  { id: 'sim-interactive-").Append(i).Append("', data: ").Append(JsonSerializer.Serialize(charts[i].Data))
                .Append(", layout: ").Append(JsonSerializer.Serialize(charts[i].Layout)).Append(" },\n");
        }
        script.Append("];\n").Append(DrawScript);
        return (html.ToString(), script.ToString());
    }

    private static (string, object, object)? LatencyCdf(ChartContext context)
    {
        var traces = new List<object>();
        foreach (var group in context.Results.Runs.Where(r => r.LatencyCdf.Count > 0).GroupBy(r => r.PointId).OrderBy(g => g.Key))
        {
            var first = group.First();
            var points = group.SelectMany(r => r.LatencyCdf).Where(p => p.Percentile < 100 && double.IsFinite(p.LatencyMs))
                .GroupBy(p => p.Percentile).OrderBy(g => g.Key).Select(g => (P: g.Key, Ms: g.Average(p => p.LatencyMs))).ToList();
            if (points.Count == 0) continue;
            traces.Add(new
            {
                type = "scatter", mode = "lines", name = context.PointLabel(first.Architecture, first.Parameters),
                x = points.Select(p => NinesOf(p.P)).ToArray(), y = points.Select(p => p.Ms).ToArray(),
                text = points.Select(p => p.P.ToString("0.###", CultureInfo.InvariantCulture) + " %").ToArray(),
                hovertemplate = "%{text}: %{y:.3f} ms<extra>%{fullData.name}</extra>",
            });
        }
        if (traces.Count == 0) return null;
        var layout = new
        {
            xaxis = new { title = new { text = "percentile" }, tickvals = Nines.Select(NinesOf).ToArray(), ticktext = Nines.Select(n => n.ToString("0.###", CultureInfo.InvariantCulture) + " %").ToArray() },
            yaxis = new { title = new { text = "produce latency (ms)" }, type = "log" },
            legend = new { orientation = "v" }, margin = new { t = 20 },
        };
        return ("Produce latency by percentile, every sweep point", traces, layout);
    }

    private static double NinesOf(double percentile) => -Math.Log10(1 - Math.Min(percentile, 99.9999) / 100);

    private static IEnumerable<(string, object, object)> Timelines(ChartContext context)
    {
        foreach (var run in TimelineChart.RunsToShow(context))
        {
            var ts = run.Timeseries!;
            var t = ts.Select(p => p.TimeS).ToArray();
            var traces = new List<object>
            {
                Line("acknowledged", t, ts.Select(p => (double)p.Acked)),
                Line("failed", t, ts.Select(p => (double)p.Failed)),
                Line("under-replicated partitions", t, ts.Select(p => (double)p.UnderReplicated), "y2"),
                Line("offline partitions", t, ts.Select(p => (double)p.Offline), "y2"),
            };
            if (ts.Any(p => double.IsFinite(p.MirrorLagMs) && p.MirrorLagMs > 0)) traces.Add(Line("MirrorMaker 2 lag (ms)", t, ts.Select(p => p.MirrorLagMs), "y3"));
            var layout = new
            {
                xaxis = new { title = new { text = "simulated time (s)" }, domain = new[] { 0.0, 0.9 } },
                yaxis = new { title = new { text = "records per interval" } },
                yaxis2 = new { title = new { text = "partitions" }, overlaying = "y", side = "right", anchor = "x" },
                yaxis3 = new { title = new { text = "lag (ms)" }, overlaying = "y", side = "right", position = 0.97, anchor = "free" },
                shapes = run.Faults.Select(f => new { type = "rect", xref = "x", yref = "paper", x0 = f.StartS, x1 = f.EndS ?? t[^1], y0 = 0, y1 = 1, fillcolor = "rgba(213,94,0,0.12)", line = new { width = 0 } }).ToArray(),
                margin = new { t = 20 },
            };
            yield return ($"Timeline of run {run.RunId}: {context.PointLabel(run.Architecture, run.Parameters)}", traces, layout);
        }
    }

    private static (string, object, object)? Monitoring(ChartContext context)
    {
        if (context.Results.TimelineRun is not int id || context.Results.Runs.FirstOrDefault(r => r.RunId == id) is not { Monitoring.Count: > 0 } run) return null;
        var s = run.Monitoring!;
        var t = s.Select(p => p.TimeS).ToArray();
        var traces = new List<object>();
        for (int c = 1; c < MonitoringSample.Columns.Count; c++)
        {
            int column = c;
            var values = s.Select(p => p.Values[column]).ToList();
            if (values.All(v => !double.IsFinite(v))) continue;
            traces.Add(Line(MonitoringSample.Columns[c], t, values, visible: c <= 2 || MonitoringSample.Columns[c] == "produce_p99_ms" ? null : "legendonly"));
        }
        var layout = new { xaxis = new { title = new { text = "simulated time (s)" } }, yaxis = new { title = new { text = "value (see docs/results.md for units)" } }, margin = new { t = 20 } };
        return ($"Monitoring dashboard of run {run.RunId}: {context.PointLabel(run.Architecture, run.Parameters)} (click legend entries to add series)", traces, layout);
    }

    private static object Line(string name, double[] x, IEnumerable<double> y, string axis = "y", string? visible = null) => new Dictionary<string, object?>
    {
        ["type"] = "scatter", ["mode"] = "lines", ["name"] = name, ["x"] = x,
        ["y"] = y.Select(v => double.IsFinite(v) ? (double?)v : null).ToArray(), ["yaxis"] = axis, ["visible"] = visible ?? (object)true,
    };

    // Draws every chart; records how many hold data once drawn, which the browser test reads.
    private const string DrawScript = """
        (function () {
          var drawn = 0;
          simCharts.forEach(function (c) {
            Plotly.newPlot(c.id, c.data, c.layout, { responsive: true, displaylogo: false }).then(function (div) {
              if (div.data && div.data.length > 0 && div.querySelector('.main-svg')) drawn++;
              document.documentElement.setAttribute('data-interactive-charts', String(drawn));
            });
          });
        })();

        """;

    /// <summary>plotly.js as Plotly.NET embeds it, for the page to carry inline.</summary>
    public static string PlotlyScript()
    {
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
