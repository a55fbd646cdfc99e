using System.Globalization;
using System.Net;
using System.Text;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// The trace timeline of report.html: for every run that kept its narrated trace (<c>outputs.trace</c>, as the workshop
/// scenarios do), the sentences <c>sim trace</c> tells, one table row per event in simulated-time order, with its kind,
/// cluster, partition and the brokers or client it is about, and under a lost range its explanation chain. A search box
/// (every word must appear in the row) and one switch per kind filter the rows; a heading sorts them (the page's table
/// script). Everything is in the page: a workshop room without a network reads it the same.
/// </summary>
public static class TraceTimelineSection
{
    /// <summary>The class of each run's timeline, which a browser test counts rows in.</summary>
    public const string TableClass = "sim-trace-table";

    /// <summary>Rows shown per run; a longer trace says how many were left out (<c>sim trace</c> tells them all).</summary>
    public const int MaxRows = 5000;

    /// <summary>Runs whose timeline is shown; the others are named.</summary>
    public const int MaxRuns = 8;

    /// <summary>The section (empty when no run kept a trace) and the script that filters it.</summary>
    public static (string Html, string Script) Build(ExperimentResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var traced = results.Runs.Where(r => r.Trace is { Count: > 0 }).OrderBy(r => r.RunId).ToList();
        if (traced.Count == 0) return ("", "");
        var html = new StringBuilder();
        html.Append("<section class=\"sim-trace\" id=\"trace-timeline\">\n<h2>Trace timeline</h2>\n")
            .Append("<p>What each traced run did, event by event in simulated time, as <code>sim trace</code> tells it: faults and repairs, ")
            .Append("fencing, controller and leader elections, ISR changes, truncations, producer errors and recoveries, failovers, conflicts, ")
            .Append("and at the end every acknowledged range that was lost with the chain that explains it. Type words to keep the rows that hold ")
            .Append("all of them (a partition such as <code>orders-0</code>, <code>broker 2</code>, <code>epoch</code>); switch kinds off and on; ")
            .Append("click a heading to sort. <a href=\"#trace-only\">The timeline alone</a>, for a projector; ")
            .Append("<a href=\"#trace-timeline\">back to the whole report</a>.</p>\n");
        foreach (var run in traced.Take(MaxRuns)) AppendRun(html, run, results.Replications);
        if (traced.Count > MaxRuns)
        {
            html.Append("<p>Not shown: the traces of runs ")
                .Append(WebUtility.HtmlEncode(string.Join(", ", traced.Skip(MaxRuns).Select(r => r.RunId))))
                .Append(" (in their <code>runs/NNNNNN.json</code>; <code>sim trace FILE --run ID</code> tells each).</p>\n");
        }
        html.Append("</section>\n");
        return (html.ToString(), Script);
    }

    private static void AppendRun(StringBuilder html, RunRecord run, int replications)
    {
        var entries = run.Trace!;
        string point = run.Parameters.Count == 0 ? "" : ", " + string.Join(", ", run.Parameters.Select(p => $"{ParameterLabel.Of(p.Key)} {p.Value}"));
        html.Append("<div class=\"sim-trace-run\" data-run=\"").Append(run.RunId.ToString(CultureInfo.InvariantCulture)).Append("\">\n<h3>Run ")
            .Append(run.RunId.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(Encode(run.Architecture + point))
            .Append(replications > 1 ? $", replication {run.Replication}" : "").Append("</h3>\n<div class=\"sim-trace-filter\">")
            .Append("<input type=\"search\" placeholder=\"filter: orders-0, broker 2, lost\" aria-label=\"filter the events\"> ");
        foreach (var kind in entries.Select((e, i) => (e.Kind, Index: i)).GroupBy(x => x.Kind).OrderBy(g => g.First().Index))
        {
            html.Append("<label class=\"sim-trace-kind kind-").Append(Encode(kind.Key)).Append("\"><input type=\"checkbox\" value=\"").Append(Encode(kind.Key))
                .Append("\" checked> ").Append(Encode(kind.Key)).Append(" (").Append(kind.Count().ToString(CultureInfo.InvariantCulture)).Append(")</label> ");
        }
        var shown = entries.Take(MaxRows).ToList();
        html.Append("<span class=\"sim-trace-count\">").Append(shown.Count.ToString(CultureInfo.InvariantCulture)).Append(" events</span></div>\n")
            .Append("<table class=\"").Append(TableClass).Append("\">\n<thead><tr><th>time (s)</th><th>kind</th><th>cluster</th><th>partition</th>")
            .Append("<th>brokers or client</th><th>what happened</th></tr></thead>\n<tbody>\n");
        foreach (var e in shown) AppendRow(html, e);
        html.Append("</tbody>\n</table>\n");
        if (entries.Count > MaxRows)
        {
            html.Append("<p>The first ").Append(MaxRows.ToString("N0", CultureInfo.InvariantCulture)).Append(" of ")
                .Append(entries.Count.ToString("N0", CultureInfo.InvariantCulture)).Append(" events; <code>sim trace FILE --run ")
                .Append(run.RunId.ToString(CultureInfo.InvariantCulture)).Append("</code> tells them all.</p>\n");
        }
        html.Append("</div>\n");
    }

    private static void AppendRow(StringBuilder html, TraceEntry e)
    {
        string who = e.Client is { } c ? $"client {c}" : e.Brokers.Count > 0 ? string.Join(", ", e.Brokers) : "";
        html.Append("<tr data-kind=\"").Append(Encode(e.Kind)).Append("\"><td>").Append(e.TimeS.ToString("0.000", CultureInfo.InvariantCulture))
            .Append("</td><td><span class=\"kind kind-").Append(Encode(e.Kind)).Append("\">").Append(Encode(e.Kind)).Append("</span></td><td>")
            .Append(Encode(e.Cluster ?? "")).Append("</td><td>").Append(Encode(e.Partition ?? "")).Append("</td><td>").Append(Encode(who))
            .Append("</td><td>").Append(Encode(e.Text));
        if (e.Because.Count > 0)
        {
            html.Append("<ul>");
            foreach (var link in e.Because) html.Append("<li>").Append(Encode(link)).Append("</li>");
            html.Append("</ul>");
        }
        html.Append("</td></tr>\n");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// Filters each run's rows by its search box and kind switches, and counts what is shown. A page opened with
    /// <c>#trace-filter=WORDS</c> starts filtered by those words (how a link, or a browser test, opens it on one story),
    /// scrolled to the timeline as with <c>#trace-timeline</c>; <c>#trace-only</c> shows the timeline alone.
    /// Marks the page with <c>data-trace-rows</c> (rows in all timelines) and <c>data-trace-shown</c> (rows shown).
    /// </summary>
    private const string Script = """
        (function () {
          var runs = document.querySelectorAll('.sim-trace-run');
          function update() {
            var total = 0, shown = 0;
            runs.forEach(function (run) {
              var words = run.querySelector('input[type=search]').value.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
              var kinds = {};
              run.querySelectorAll('.sim-trace-kind input').forEach(function (box) { kinds[box.value] = box.checked; });
              var here = 0, rows = run.querySelectorAll('tbody tr');
              rows.forEach(function (row) {
                var text = row.textContent.toLowerCase();
                var keep = kinds[row.getAttribute('data-kind')] !== false && words.every(function (w) { return text.indexOf(w) >= 0; });
                row.style.display = keep ? '' : 'none';
                if (keep) here++;
              });
              run.querySelector('.sim-trace-count').textContent = here + ' of ' + rows.length + ' events';
              total += rows.length; shown += here;
            });
            document.documentElement.setAttribute('data-trace-rows', String(total));
            document.documentElement.setAttribute('data-trace-shown', String(shown));
          }
          var start = /^#trace-filter=(.*)$/.exec(window.location.hash);
          runs.forEach(function (run) {
            var box = run.querySelector('input[type=search]');
            if (start) box.value = decodeURIComponent(start[1]);
            box.addEventListener('input', update);
            run.querySelectorAll('.sim-trace-kind input').forEach(function (k) { k.addEventListener('change', update); });
          });
          update();
          // Opened at the timeline (#trace-timeline, #trace-filter=...): scrolled there once the charts above have their size.
          if (start || window.location.hash === '#trace-timeline') {
            window.addEventListener('load', function () { document.getElementById('trace-timeline').scrollIntoView(); });
          }
          // #trace-only: the timeline alone, to put on a projector (and what a headless browser's screenshot shows).
          function only() { document.body.classList.toggle('sim-trace-only', window.location.hash === '#trace-only'); }
          window.addEventListener('hashchange', only);
          only();
        })();

        """;

    /// <summary>The section's style, added to the page's.</summary>
    public const string Style = """
        body.sim-trace-only main > :not(#trace-timeline) { display: none; }
        .sim-trace-filter { margin: .5em 0; display: flex; flex-wrap: wrap; gap: .4em 1em; align-items: center; font-size: 14px; }
        .sim-trace-filter input[type=search] { min-width: 18em; padding: 3px 6px; }
        .sim-trace-count { color: #555; }
        table.sim-trace-table td { vertical-align: top; } table.sim-trace-table td:nth-child(4) { white-space: nowrap; } table.sim-trace-table td:last-child { max-width: 70em; }
        table.sim-trace-table ul { margin: .3em 0 0; padding-left: 1.2em; color: #444; }
        span.kind { padding: 0 .4em; border-radius: 3px; background: #eee; white-space: nowrap; }
        .kind-fault, .kind-lost, .kind-failure { background: #fde0dc !important; } .kind-repair, .kind-recovered { background: #dff5e1 !important; }
        .kind-leader, .kind-controller { background: #e0ecfb !important; } .kind-isr, .kind-elr, .kind-truncation { background: #fff3d6 !important; }

        """;
}
