using Sim.Core.Distributions;
using Sim.Experiments.Tests.Support;
using Sim.Core.Validation;
using Sim.Core;
using Sim.Experiments.Text;

namespace Sim.Experiments.Tests.Text;

public sealed class DistributionTextTests
{
    private const string Key = "links.a-b.jitter";

    private static (DistributionSpec? Spec, List<SpecError> Errors) Parse(QuantityKind quantity, params (string, string)[] fields)
    {
        var errors = new List<SpecError>();
        var spec = DistributionText.Parse(Fields.Of(fields), quantity, Key, errors);
        return (spec, errors);
    }

    private static (DistributionSpec? Spec, List<SpecError> Errors) ParseDuration(params (string, string)[] fields) =>
        Parse(QuantityKind.Duration, fields);

    [Fact]
    public void Parse_LognormalMedianP99_StoresParametersInNanoseconds()
    {
        var (spec, errors) = ParseDuration(("dist", "lognormal"), ("median", "2ms"), ("p99", "9ms"));

        Assert.Empty(errors);
        Assert.NotNull(spec);
        Assert.Equal("lognormal", spec.Family);
        Assert.Equal(2e6, spec.Parameters["median"]);
        Assert.Equal(9e6, spec.Parameters["p99"]);
    }

    [Fact]
    public void Parse_BytesQuantity_ParsesSizes()
    {
        var (spec, errors) = Parse(QuantityKind.Bytes, ("dist", "lognormal"), ("median", "1.5KiB"), ("sigma", "0.5"));

        Assert.Empty(errors);
        Assert.Equal(1_536.0, spec!.Parameters["median"]);
        Assert.Equal(0.5, spec.Parameters["sigma"]);
    }

    [Fact]
    public void Parse_UnknownFamilyTypo_ErrorAtDistKeyWithDidYouMeanHint()
    {
        var (spec, errors) = ParseDuration(("dist", "lognormel"), ("median", "2ms"), ("p99", "9ms"));

        Assert.Null(spec);
        var e = Assert.Single(errors);
        Assert.Equal("links.a-b.jitter.dist", e.Key);
        Assert.Contains("unknown distribution 'lognormel'", e.Message, StringComparison.Ordinal);
        Assert.Equal("did you mean 'lognormal'?", e.Hint);
    }

    [Fact]
    public void Parse_UnknownFamilyFarFromAny_HintListsFamilies()
    {
        var (_, errors) = ParseDuration(("dist", "gamma"), ("mean", "2ms"));

        var e = Assert.Single(errors);
        Assert.StartsWith("expected one of: ", e.Hint, StringComparison.Ordinal);
        Assert.Contains("lognormal", e.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingDist_ErrorAtDistKey()
    {
        var (spec, errors) = ParseDuration(("median", "2ms"));

        Assert.Null(spec);
        Assert.Equal("links.a-b.jitter.dist", Assert.Single(errors).Key);
    }

    [Fact]
    public void Parse_UnknownParameter_ErrorAtParameterKeyWithHint()
    {
        var (spec, errors) = ParseDuration(("dist", "normal"), ("mean", "1ms"), ("stdev", "1ms"), ("stddev", "1ms"));

        Assert.Null(spec);
        var e = Assert.Single(errors);
        Assert.Equal("links.a-b.jitter.stdev", e.Key);
        Assert.Contains("'normal' has no parameter 'stdev'", e.Message, StringComparison.Ordinal);
        Assert.Equal("did you mean 'stddev'?", e.Hint);
    }

    [Fact]
    public void Parse_MissingParameter_ErrorAtMissingParameterKey()
    {
        var (spec, errors) = ParseDuration(("dist", "uniform"), ("min", "1ms"));

        Assert.Null(spec);
        var e = Assert.Single(errors);
        Assert.Equal("links.a-b.jitter.max", e.Key);
        Assert.Contains("needs 'max'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_P99EqualToMedian_ErrorAtP99Key()
    {
        var (spec, errors) = ParseDuration(("dist", "lognormal"), ("median", "2ms"), ("p99", "2ms"));

        Assert.Null(spec);
        var e = Assert.Single(errors);
        Assert.Equal("links.a-b.jitter.p99", e.Key);
        Assert.Contains("must be above the median (2ms)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_P99BelowMedian_ErrorAtP99Key()
    {
        var (_, errors) = ParseDuration(("dist", "lognormal"), ("median", "2ms"), ("p99", "1ms"));

        Assert.Equal("links.a-b.jitter.p99", Assert.Single(errors).Key);
    }

    [Fact]
    public void Parse_NegativeStdDev_ErrorAtStdDevKey()
    {
        var (spec, errors) = ParseDuration(("dist", "normal"), ("mean", "1ms"), ("stddev", "-1ms"));

        Assert.Null(spec);
        var e = Assert.Single(errors);
        Assert.Equal("links.a-b.jitter.stddev", e.Key);
        Assert.Contains("must not be negative", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongUnit_ErrorAtParameterKeyNamingTheUnit()
    {
        var (spec, errors) = ParseDuration(("dist", "exponential"), ("mean", "5MB"));

        Assert.Null(spec);
        var e = Assert.Single(errors);
        Assert.Equal("links.a-b.jitter.mean", e.Key);
        Assert.Contains("unknown duration unit 'MB'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingUnitOnDuration_ErrorSaysNoUnit()
    {
        var (_, errors) = ParseDuration(("dist", "exponential"), ("mean", "5"));

        var e = Assert.Single(errors);
        Assert.Equal("links.a-b.jitter.mean", e.Key);
        Assert.Contains("no unit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnitOnDimensionlessShape_ErrorAtShapeKey()
    {
        var (_, errors) = ParseDuration(("dist", "pareto"), ("scale", "1ms"), ("shape", "3ms"));

        var e = Assert.Single(errors);
        Assert.Equal("links.a-b.jitter.shape", e.Key);
        Assert.Contains("is not a number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LognormalWithBothP99AndSigma_ErrorAtSpecKey()
    {
        var (spec, errors) = ParseDuration(("dist", "lognormal"), ("median", "2ms"), ("p99", "9ms"), ("sigma", "0.5"));

        Assert.Null(spec);
        var e = Assert.Single(errors);
        Assert.Equal(Key, e.Key);
        Assert.Contains("exactly one of 'p99' or 'sigma'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LognormalWithNeitherP99NorSigma_ErrorAtSpecKey()
    {
        var (_, errors) = ParseDuration(("dist", "lognormal"), ("median", "2ms"));

        Assert.Equal(Key, Assert.Single(errors).Key);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOneAtOnce()
    {
        var (_, errors) = ParseDuration(("dist", "normal"), ("mean", "fast"), ("stddev", "5"), ("skew", "1"));

        Assert.Equal(
            ["links.a-b.jitter.mean", "links.a-b.jitter.skew", "links.a-b.jitter.stddev"],
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_ErrorsAlreadyInList_AreKeptAndNewOnesAppended()
    {
        var errors = new List<SpecError> { new("earlier", "an earlier problem") };

        var spec = DistributionText.Parse(Fields.Of(("dist", "exponential"), ("mean", "2ms")), QuantityKind.Duration, Key, errors);

        Assert.NotNull(spec);
        Assert.Single(errors);
    }

    [Theory]
    [InlineData("exponential", "mean", "0ms", "mean")]
    [InlineData("pareto", "shape", "0", "shape")]
    [InlineData("constant", "value", "-1ms", "value")]
    public void Parse_NonPositiveOrNegativeValue_ErrorAtThatKey(string family, string param, string value, string badKey)
    {
        var fields = new List<(string, string)> { ("dist", family), (param, value) };
        if (family == "pareto") fields.Add(("scale", "1ms"));

        var (_, errors) = ParseDuration([.. fields]);

        Assert.Equal($"{Key}.{badKey}", Assert.Single(errors).Key);
    }

    [Fact]
    public void Parse_UniformMinAboveMax_ErrorAtMaxKey()
    {
        var (_, errors) = ParseDuration(("dist", "uniform"), ("min", "3ms"), ("max", "1ms"));

        Assert.Equal($"{Key}.max", Assert.Single(errors).Key);
    }

    [Fact]
    public void Parse_NegativeConstantNumber_IsAllowed()
    {
        var (spec, errors) = Parse(QuantityKind.Number, ("dist", "constant"), ("value", "-3"));

        Assert.Empty(errors);
        Assert.Equal(-3.0, spec!.Build().Mean);
    }

    [Fact]
    public void ToString_ParsedSpec_WritesYamlFormWithUnits()
    {
        var (spec, _) = ParseDuration(("dist", "lognormal"), ("p99", "9ms"), ("median", "2ms"));

        Assert.Equal("{dist: lognormal, median: 2ms, p99: 9ms}", spec!.ToString());
    }

    [Fact]
    public void FamilyNames_Always_ListsAllSevenFamilies()
    {
        Assert.Equal(
            ["constant", "exponential", "lognormal", "normal", "pareto", "uniform", "weibull"],
            DistributionSpec.FamilyNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SpecError_ToString_IncludesKeyMessageAndHint()
    {
        Assert.Equal("a.b: bad (did you mean 'c'?)", new SpecError("a.b", "bad", "did you mean 'c'?").ToString());
        Assert.Equal("a.b: bad", new SpecError("a.b", "bad").ToString());
    }
}
