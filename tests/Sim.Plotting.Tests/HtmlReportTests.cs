namespace Sim.Plotting.Tests;

/// <summary>report.html is self-contained: charts inlined, no link out of the page, tables and the sorting script in it.</summary>
public sealed class HtmlReportTests
{
    [Fact]
    public void Write_SampleReport_InlinesEveryChartAndFetchesNothing()
    {
        using var temp = new TempDirectory();
        var results = SampleResults.Create();
        var plots = PlotSet.Draw(results, temp.Sub("plots"));
        var markdown = ReportWriter.Write(results, plots);

        var html = HtmlReport.Write(markdown, results.Name, temp.Path);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Equal(plots.Count, html.Split($"<img class=\"{HtmlReport.ChartClass}\"").Length - 1);
        Assert.DoesNotContain("src=\"plots/", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.Contains("<table>", html);
        Assert.Contains(">replications</th>", html);
        Assert.Contains("data-charts-loaded", html);
    }

    [Fact]
    public void Write_WithResults_AddsInteractiveChartsWithPlotlyInlineAndOneLatencyTracePerSweepPoint()
    {
        using var temp = new TempDirectory();
        var results = SampleResults.Create();
        var plots = PlotSet.Draw(results, temp.Sub("plots"));
        var html = HtmlReport.Write(ReportWriter.Write(results, plots), results.Name, temp.Path, results);

        int charts = html.Split($"class=\"{InteractiveCharts.ChartClass}\"").Length - 1;
        var (section, draw) = InteractiveCharts.Build(results);
        Assert.True(charts >= 1, "no interactive chart");
        Assert.Equal(charts, draw.Split("{ id: 'sim-interactive-").Length - 1);
        Assert.Contains(section, html);
        // plotly.js is in the page itself: nothing is fetched (no script or link with a source).
        Assert.DoesNotContain("<script src", html);
        Assert.DoesNotContain("<link", html);
        Assert.Contains("Plotly.newPlot", html);
        Assert.True(html.Length > 3_000_000, "plotly.js is not inline");
        // The latency chart has one trace per sweep point that measured a distribution.
        int points = results.Runs.Where(r => r.LatencyCdf.Count > 0).Select(r => r.PointId).Distinct().Count();
        int next = draw.IndexOf("{ id: 'sim-interactive-1'", StringComparison.Ordinal);
        var latency = next > 0 ? draw[..next] : draw;
        Assert.Equal(points, latency.Split("\"hovertemplate\"").Length - 1);
    }

    [Fact]
    public void Write_AMissingImage_KeepsItsLink() =>
        Assert.Contains("src=\"plots/none.png\"", HtmlReport.Write("![x](plots/none.png)\n", "t", Path.GetTempPath()));
}
