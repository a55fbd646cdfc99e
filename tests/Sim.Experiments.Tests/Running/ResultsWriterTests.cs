using System.Globalization;
using Sim.Experiments.Running;
using Sim.Experiments.Tests.Support;
using Sim.Results;

namespace Sim.Experiments.Tests.Running;

/// <summary>
/// The tables of an output directory: numbers in the invariant culture with at most six decimals and NaN
/// as an empty cell (so identical results are identical bytes on every machine), a column per swept key
/// other than the architecture, a mean and a ci95 column per metric in summary.csv, open-ended faults
/// with an empty end, and a time-series file only for the runs that kept one.
/// </summary>
public sealed class ResultsWriterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"sim-results-writer-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData(double.NaN, "")]
    [InlineData(2.5, "2.5")]
    [InlineData(1.0 / 3, "0.333333")]
    [InlineData(2.0 / 3, "0.666667")]
    [InlineData(-2.25, "-2.25")]
    [InlineData(1234567.0, "1234567")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.0000004, "0")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Number_Value_IsWrittenInvariantlyWithAtMostSixDecimals(double value, string expected)
    {
        Assert.Equal(expected, ResultsWriter.Number(value));
    }

    [Fact]
    public void Number_UnderACultureWithADecimalComma_StillWritesADecimalPointAndNoGrouping()
    {
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = comma;

            Assert.Equal("1234.5", ResultsWriter.Number(1234.5));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    private static ExperimentResults Results()
    {
        Parameter[] two = [new("architecture", "stretch"), new("network.links.a/b.rtt", "2ms")];
        var runs = new List<RunRecord>
        {
            RunRecords.Of(0, parameters: two, metrics: new Dictionary<string, double> { ["produce_latency_ms_p50"] = 1.5 },
                faults: [new FaultInterval("site-outage", "a", 90, 210), new FaultInterval("broker-crash", "stretch-broker-1", 15, null)],
                timeseries: [new TimeseriesPoint(1, 100, 99, 1, 98, 0, 0, 3, 0, double.NaN, 0, 0.5)]),
            RunRecords.Of(1, replication: 1, parameters: two, metrics: new Dictionary<string, double> { ["produce_latency_ms_p50"] = 2.5 }),
        };
        return new ExperimentResults("t", null, "model.yaml", ["architecture", "network.links.a/b.rtt"], 2, 2, runs, Summarizer.Summarize(runs));
    }

    private string[] Lines(string file) => File.ReadAllText(Path.Combine(_directory, file)).Split('\n');

    [Fact]
    public void WriteTables_RunsCsv_HasASweptColumnPerKeyButTheArchitectureAndEmptyCellsForNaN()
    {
        ResultsWriter.WriteTables(Results(), _directory);

        var lines = Lines("runs.csv");
        string metrics = string.Join(",", MetricCatalog.All.Select(m => m.Name));
        Assert.Equal("run_id,point_id,replication,seed,architecture,network.links.a/b.rtt," + metrics, lines[0]);
        string nan = new(',', MetricCatalog.All.Count - 1);
        Assert.Equal("0,0,0,1000,stretch,2ms,1.5" + nan, lines[1]);
        Assert.Equal("1,0,1,1001,stretch,2ms,2.5" + nan, lines[2]);
        Assert.Equal("", lines[3]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public void WriteTables_SummaryCsv_HasAMeanAndACi95ColumnPerMetric()
    {
        ResultsWriter.WriteTables(Results(), _directory);

        var lines = Lines("summary.csv");
        var header = lines[0].Split(',');
        Assert.Equal(["point_id", "architecture", "network.links.a/b.rtt", "replications", "produce_latency_ms_p50_mean", "produce_latency_ms_p50_ci95"], header[..6]);
        Assert.Equal(4 + (2 * MetricCatalog.All.Count), header.Length);
        // Mean 2 and half-width t(0.975, 1)·0.5 = 6.353102 of the two runs' 1.5 and 2.5.
        Assert.StartsWith("0,stretch,2ms,2,2,6.353102,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTables_FaultsCsv_ListsEachFaultWithAnEmptyEndWhenItLastedToTheEnd()
    {
        ResultsWriter.WriteTables(Results(), _directory);

        Assert.Equal(["run_id,kind,target,start_s,end_s,horizon_start_s,horizon_end_s", "0,site-outage,a,90,210,90,210", "0,broker-crash,stretch-broker-1,15,,15,", ""], Lines("faults.csv"));
    }

    [Fact]
    public void WriteTables_Timeseries_IsWrittenOnlyForRunsThatKeptOneAndOldFilesAreRemoved()
    {
        var stale = Path.Combine(_directory, "timeseries", "000009.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        File.WriteAllText(stale, "old");

        ResultsWriter.WriteTables(Results(), _directory);

        Assert.Equal(["000000.csv"], Directory.GetFiles(Path.Combine(_directory, "timeseries")).Select(p => Path.GetFileName(p)));
        Assert.Equal("1,100,99,1,98,0,0,3,0,,0,0.5", Lines(Path.Combine("timeseries", "000000.csv"))[1]);
    }
}
