using Sim.Results;

namespace Sim.Plotting.Tests;

/// <summary>
/// report.html's trace timeline: one row per event of each run that kept its trace, in the trace's time order, with a
/// kind switch per kind (with its count), the explanation chain of a lost range as a list, text escaped, and the
/// filtering script and style in the page; a report whose runs kept no trace has no such section.
/// </summary>
public sealed class TraceTimelineSectionTests
{
    private static readonly TraceEntry[] Story =
    [
        new(20, "fault", "fault begins: broker-crash of stretch-broker-1 (process)"),
        new(27.1648, "leader", "orders-0: the leader moves from broker 1 to broker 2 at epoch 1") { Cluster = "stretch", Partition = "orders-0", Brokers = [1, 2, 3] },
        new(28.083, "recovered", "producer-a-orders-1: writes to orders-0 are acknowledged again") { Cluster = "stretch", Partition = "orders-0", Client = 400000 },
        new(40, "repair", "fault ends: broker-crash of stretch-broker-1 <process>"),
        new(60, "lost", "offsets 19922-19943 of orders-0 are lost on stretch")
        {
            Cluster = "stretch", Partition = "orders-0", Because = ["acknowledged with acks=1 in leader epoch 0", "broker 1 truncated them (KIP-101)"],
        },
    ];

    private static ExperimentResults WithTrace(int runId, IReadOnlyList<TraceEntry> trace)
    {
        var results = SampleResults.Create();
        return results with { Runs = results.Runs.Select(r => r.RunId == runId ? r with { Trace = trace } : r).ToList() };
    }

    private static string[] Rows(string html) =>
        html.Split("<tr data-kind=\"").Skip(1).Select(r => r[..r.IndexOf("</tr>", StringComparison.Ordinal)]).ToArray();

    [Fact]
    public void Build_RunWithATrace_OneRowPerEventInTimeOrderWithKindsCountsAndTheLostChain()
    {
        var (html, script) = TraceTimelineSection.Build(WithTrace(3, Story));

        var rows = Rows(html);
        Assert.Equal(Story.Select(e => e.Kind), rows.Select(r => r[..r.IndexOf('"', StringComparison.Ordinal)]));
        Assert.Equal(Story.Select(e => e.TimeS.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)),
            rows.Select(r => r.Split("<td>")[1].Replace("</td>", "", StringComparison.Ordinal)));
        Assert.Contains("<td>orders-0</td><td>1, 2, 3</td>", rows[1]);
        Assert.Contains("<td>client 400000</td>", rows[2]);
        Assert.Contains("&lt;process&gt;", rows[3]);
        Assert.DoesNotContain("<process>", html);
        Assert.Contains("<ul><li>acknowledged with acks=1 in leader epoch 0</li><li>broker 1 truncated them (KIP-101)</li></ul>", rows[4]);
        Assert.Contains("value=\"fault\" checked> fault (1)</label>", html);
        Assert.Contains("<h3>Run 3: stretched-cluster", html);
        Assert.Equal(1, html.Split($"class=\"{TraceTimelineSection.TableClass}\"").Length - 1);
        Assert.Contains("data-trace-rows", script);
        Assert.Contains("#trace-filter=", script);
    }

    [Fact]
    public void Build_NoRunKeptATrace_NoSection() =>
        Assert.Equal(("", ""), TraceTimelineSection.Build(SampleResults.Create()));

    [Fact]
    public void Build_LongerTraceThanShown_ShowsTheFirstRowsAndSaysHowManyThereAre()
    {
        var long_ = Enumerable.Range(0, TraceTimelineSection.MaxRows + 7).Select(i => new TraceEntry(i * 0.01, "retry", $"retry {i}")).ToList();

        var (html, _) = TraceTimelineSection.Build(WithTrace(0, long_));

        Assert.Equal(TraceTimelineSection.MaxRows, Rows(html).Length);
        Assert.Contains($"of {long_.Count:N0} events", html);
        Assert.Contains("retry (" + long_.Count + ")", html);
    }

    [Fact]
    public void Write_ResultsWithATrace_PageHoldsTheTimelineItsScriptAndStyleAndFetchesNothing()
    {
        using var temp = new TempDirectory();
        var results = WithTrace(3, Story);

        var html = HtmlReport.Write("# rtt-sweep\n", results.Name, temp.Path, results);
        var plain = HtmlReport.Write("# rtt-sweep\n", results.Name, temp.Path, SampleResults.Create());

        var (section, script) = TraceTimelineSection.Build(results);
        Assert.Contains(section, html);
        Assert.Contains(script, html);
        Assert.Contains(".sim-trace-filter", html);
        Assert.True(html.IndexOf(section, StringComparison.Ordinal) < html.IndexOf("</main>", StringComparison.Ordinal));
        Assert.DoesNotContain("<script src", html);
        Assert.DoesNotContain("https://", section);
        Assert.DoesNotContain("sim-trace", plain);
    }
}
