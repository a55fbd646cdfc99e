using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// <c>report.html</c>: report.md as one self-contained page that opens offline. The Markdown is rendered by Markdig
/// (pipe tables), every <c>plots/*.png</c> it links is inlined as a data URI, and a short script embedded in the page
/// makes every table sortable by clicking a column heading (numbers by value, "12.3 ± 0.4" by its mean) and lets a
/// chart be opened at full size by clicking it. Nothing is fetched from the network, so the page reads the same on a
/// laptop in a workshop room as on the machine that ran the study. Given the results, it adds their interactive charts
/// (<see cref="InteractiveCharts"/>), with plotly.js inline, and the trace timeline of the runs that kept their trace
/// (<see cref="TraceTimelineSection"/>).
/// </summary>
public static partial class HtmlReport
{
    public const string FileName = "report.html";

    /// <summary>The attribute the page marks every inlined chart with, which a browser test counts.</summary>
    public const string ChartClass = "sim-chart";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().Build();

    /// <summary>The page for <paramref name="markdown"/>, reading the images it links from <paramref name="directory"/> (the report's own).</summary>
    public static string Write(string markdown, string title, string directory, ExperimentResults? results = null) =>
        Write(markdown, title, directory, Sections(results));

    /// <summary>The page's parts that come from the results alone (not from the report or its charts), so they can be built while the charts are drawn.</summary>
    public static HtmlSections Sections(ExperimentResults? results)
    {
        var (interactive, draw) = results is null ? ("", "") : InteractiveCharts.Build(results);
        var (trace, filter) = results is null ? ("", "") : TraceTimelineSection.Build(results);
        return new HtmlSections(interactive, draw, trace, filter);
    }

    /// <summary>The page for <paramref name="markdown"/> with <paramref name="sections"/> built beforehand by <see cref="Sections"/>.</summary>
    public static string Write(string markdown, string title, string directory, HtmlSections sections)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(sections);
        var body = Markdown.ToHtml(markdown, Pipeline);
        body = ImageSource().Replace(body, m => Inline(m, directory));
        var (interactive, draw, trace, filter) = sections;
        body += interactive + trace;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n<style>\n").Append(Style).Append(trace.Length > 0 ? TraceTimelineSection.Style : "").Append("</style>\n</head>\n<body>\n<main>\n")
            .Append(body)
            .Append("</main>\n<script>\n").Append(Script).Append(filter).Append("</script>\n");
        if (draw.Length > 0) html.Append("<script>\n").Append(InteractiveCharts.PlotlyScript()).Append("\n</script>\n<script>\n").Append(draw).Append("</script>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    // Markdig writes <img src="plots/x.png" alt="..." />; only files under plots/ are inlined, nothing else is read.
    [GeneratedRegex("<img src=\"(plots/[A-Za-z0-9._-]+\\.png)\"")]
    private static partial Regex ImageSource();

    private static string Inline(Match m, string directory)
    {
        var path = Path.Combine(directory, m.Groups[1].Value);
        if (!File.Exists(path)) return m.Value;
        var data = Convert.ToBase64String(File.ReadAllBytes(path));
        return $"<img class=\"{ChartClass}\" data-file=\"{m.Groups[1].Value}\" src=\"data:image/png;base64,{data}\"";
    }

    private const string Style = """
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 0; color: #222; background: #fafafa; }
        main { max-width: 1500px; margin: 0 auto; padding: 1em 2em 4em; background: #fff; }
        h1, h2, h3 { line-height: 1.2; } h2 { border-bottom: 1px solid #ddd; padding-bottom: .2em; margin-top: 2em; }
        table { border-collapse: collapse; margin: 1em 0; font-size: 14px; }
        th, td { border: 1px solid #ccc; padding: 4px 8px; } th { background: #f0f0f0; cursor: pointer; user-select: none; white-space: nowrap; }
        th[data-order="asc"]::after { content: " \25B2"; } th[data-order="desc"]::after { content: " \25BC"; }
        tr:nth-child(even) td { background: #f8f8f8; }
        img.sim-chart { max-width: 100%; height: auto; cursor: zoom-in; border: 1px solid #eee; }
        img.sim-chart.full { max-width: none; cursor: zoom-out; }
        code { background: #f3f3f3; padding: 0 .2em; }

        """;

    // Sorts a table by the clicked column: a cell's leading number (so "12.3 ± 0.4" sorts by 12.3), else its text.
    private const string Script = """
        (function () {
          function key(cell) {
            var text = cell.textContent.trim();
            var m = text.replace(/^\$/, '').match(/^-?\d+(\.\d+)?([eE][-+]?\d+)?/);
            return m ? { n: parseFloat(m[0]), t: text } : { n: NaN, t: text };
          }
          function compare(a, b) {
            if (!isNaN(a.n) && !isNaN(b.n)) return a.n - b.n;
            if (!isNaN(a.n)) return -1;
            if (!isNaN(b.n)) return 1;
            return a.t.localeCompare(b.t);
          }
          document.querySelectorAll('table').forEach(function (table) {
            var heads = table.querySelectorAll('thead th');
            heads.forEach(function (th, column) {
              th.title = 'Click to sort';
              th.addEventListener('click', function () {
                var order = th.getAttribute('data-order') === 'asc' ? 'desc' : 'asc';
                heads.forEach(function (h) { h.removeAttribute('data-order'); });
                th.setAttribute('data-order', order);
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (r, s) {
                  var c = compare(key(r.cells[column]), key(s.cells[column]));
                  return order === 'asc' ? c : -c;
                });
                rows.forEach(function (r) { body.appendChild(r); });
              });
            });
          });
          document.querySelectorAll('img.sim-chart').forEach(function (img) {
            img.addEventListener('click', function () { img.classList.toggle('full'); });
          });
          // How many charts decoded to a picture with pixels: what a browser test reads to know the charts hold data.
          window.addEventListener('load', function () {
            var loaded = Array.prototype.filter.call(document.querySelectorAll('img.sim-chart'), function (img) { return img.complete && img.naturalWidth > 0; });
            document.documentElement.setAttribute('data-charts-loaded', String(loaded.length));
          });
        })();

        """;
}
