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
    public void Write_AMissingImage_KeepsItsLink() =>
        Assert.Contains("src=\"plots/none.png\"", HtmlReport.Write("![x](plots/none.png)\n", "t", Path.GetTempPath()));
}
