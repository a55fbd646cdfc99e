using Sim.Experiments.Search;
using Sim.Results;

namespace Sim.Experiments.Tests.Search;

/// <summary>The search for the breaking point over a synthetic, monotone SLA: it meets the SLA at and below a threshold and breaks it above.</summary>
public sealed class BisectionTests
{
    private static Func<int, double, bool?> Below(double threshold) => (_, x) => x <= threshold;

    [Theory]
    [InlineData(12_345.6, 0.01)]
    [InlineData(101, 0.05)]
    [InlineData(999_000, 0.001)]
    public void Run_MonotoneMetric_BracketsTheThresholdWithinThePrecision(double threshold, double precision)
    {
        var result = Bisection.Run(100, 1_000_000, precision, integer: false, maxProbes: 100, Below(threshold));
        Assert.Equal(SearchVerdict.Found, result.Verdict);
        Assert.InRange(threshold, result.Low, result.High);
        Assert.True(result.High - result.Low <= precision * result.Low, $"bracket {result.Low}..{result.High} is wider than {precision}");
        Assert.All(result.Steps, s => Assert.Equal(s.X <= threshold, s.Passed));
    }

    [Fact]
    public void Run_SmallBudget_StopsAtTheBudgetWithTheThresholdStillBracketed()
    {
        int calls = 0;
        var result = Bisection.Run(100, 1_000_000, 0.001, integer: false, maxProbes: 4, (p, x) => { calls++; return x <= 12_345; });
        Assert.Equal(SearchVerdict.BudgetSpent, result.Verdict);
        Assert.Equal(4, calls);
        Assert.Equal(4, result.Steps.Count);
        Assert.InRange(12_345, result.Low, result.High);
    }

    [Fact]
    public void Run_MinBreaksTheSla_ReportsThatNoLoadMeetsIt()
    {
        var result = Bisection.Run(100, 1_000_000, 0.05, integer: false, maxProbes: 10, Below(50));
        Assert.Equal(SearchVerdict.NoLoadMeetsSla, result.Verdict);
        Assert.True(double.IsNaN(result.Low));
        Assert.Equal(100, result.High);
        Assert.Single(result.Steps);
    }

    [Fact]
    public void Run_MaxMeetsTheSla_ReportsMaxAsTheLowerBound()
    {
        var result = Bisection.Run(100, 1_000_000, 0.05, integer: false, maxProbes: 10, Below(2_000_000));
        Assert.Equal(SearchVerdict.MaxMeetsSla, result.Verdict);
        Assert.Equal(1_000_000, result.Low);
        Assert.True(double.IsNaN(result.High));
        Assert.Equal([100, 1_000_000], result.Steps.Select(s => s.X));
    }

    [Fact]
    public void Run_WholeNumberKey_ProbesWholeNumbersAndEndsOnAdjacentValues()
    {
        var result = Bisection.Run(1, 64, 0.001, integer: true, maxProbes: 20, Below(7));
        Assert.Equal(SearchVerdict.Found, result.Verdict);
        Assert.Equal((7.0, 8.0), (result.Low, result.High));
        Assert.All(result.Steps, s => Assert.Equal(Math.Round(s.X), s.X));
    }

    [Fact]
    public void Run_ProbeGivesNoAnswer_StopsIncompleteWithTheBracketSoFar()
    {
        var result = Bisection.Run(100, 1_000_000, 0.05, integer: false, maxProbes: 10, (p, x) => p < 3 ? x <= 5_000 : null);
        Assert.Equal(SearchVerdict.Incomplete, result.Verdict);
        Assert.Equal(3, result.Steps.Count);
        Assert.InRange(5_000, result.Low, result.High);
    }

    [Fact]
    public void Middle_IsGeometricAndRoundedToFourSignificantDigits() =>
        Assert.Equal(31_620, Bisection.Middle(1_000, 1_000_000, integer: false));

    [Fact]
    public void Run_RangeNotAboveZero_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Bisection.Run(0, 10, 0.05, false, 10, Below(5)));
}
