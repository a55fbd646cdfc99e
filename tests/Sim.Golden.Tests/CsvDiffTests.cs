namespace Sim.Golden.Tests;

public sealed class CsvDiffTests
{
    [Fact]
    public void Describe_IdenticalTables_SaysNothing() =>
        Assert.Empty(CsvDiff.Describe("runs.csv", "run_id,x\n0,1\n", "run_id,x\n0,1\n"));

    [Fact]
    public void Describe_AMovedFigure_NamesTheRowTheColumnAndBothValues()
    {
        var lines = CsvDiff.Describe("runs.csv", "run_id,a,b\n0,1,2\n1,3,4\n", "run_id,a,b\n0,1,2\n1,3,5\n").ToList();
        Assert.Equal(["runs.csv row 2 (run_id=1): b 4 -> 5"], lines);
    }

    [Fact]
    public void Describe_AChangedHeader_SaysSoInsteadOfComparingRows()
    {
        var lines = CsvDiff.Describe("runs.csv", "run_id,a\n0,1\n", "run_id,b\n0,1\n").ToList();
        Assert.Single(lines);
        Assert.Contains("header changed", lines[0]);
    }

    [Fact]
    public void Describe_ManyChangedRows_SpellsOutSomeAndCountsTheRest()
    {
        string Table(int v) => "t,x\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{i},{v}\n"));
        var lines = CsvDiff.Describe("ts.csv", Table(1), Table(2)).ToList();
        Assert.Equal(CsvDiff.RowsShown + 1, lines.Count);
        Assert.Equal($"ts.csv: and {20 - CsvDiff.RowsShown} more rows changed", lines[^1]);
    }
}
