namespace Sim.Core.Distributions;

/// <summary>
/// The tagged, YAML-ready description of a distribution, such as
/// <c>{dist: lognormal, median: 2ms, p99: 9ms}</c>: a family name, its parameters in base units, and
/// the kind of quantity it describes. Sim.Experiments reads it from text (<c>DistributionText</c>) and
/// reports every problem by key; <see cref="Problems"/> checks the values.
/// </summary>
/// <remarks>
/// Families and their parameters (values carry units where the quantity has one):
/// <list type="bullet">
/// <item><c>constant</c>: <c>value</c></item>
/// <item><c>uniform</c>: <c>min</c>, <c>max</c></item>
/// <item><c>exponential</c>: <c>mean</c></item>
/// <item><c>normal</c>: <c>mean</c>, <c>stddev</c></item>
/// <item><c>lognormal</c>: <c>median</c> with <c>p99</c> (or with a dimensionless <c>sigma</c>)</item>
/// <item><c>pareto</c>: <c>scale</c> (the minimum) and a dimensionless <c>shape</c></item>
/// <item><c>weibull</c>: a dimensionless <c>shape</c> and <c>scale</c></item>
/// </list>
/// </remarks>
public sealed record DistributionSpec(string Family, IReadOnlyDictionary<string, double> Parameters, QuantityKind Quantity)
{
    private static readonly Dictionary<string, (string[] Required, string[] Optional)> Families = new(StringComparer.Ordinal)
    {
        ["constant"] = (["value"], []),
        ["uniform"] = (["min", "max"], []),
        ["exponential"] = (["mean"], []),
        ["normal"] = (["mean", "stddev"], []),
        ["lognormal"] = (["median"], ["p99", "sigma"]),
        ["pareto"] = (["scale", "shape"], []),
        ["weibull"] = (["shape", "scale"], []),
    };

    // Shape parameters are plain numbers whatever the quantity is.
    private static readonly HashSet<string> Dimensionless = new(StringComparer.Ordinal) { "sigma", "shape" };

    public static IReadOnlyCollection<string> FamilyNames => Families.Keys;

    public static DistributionSpec Constant(double value, QuantityKind quantity) =>
        new("constant", new Dictionary<string, double> { ["value"] = value }, quantity);

    /// <summary>The parameters <paramref name="family"/> requires and may take; false for an unknown family.</summary>
    public static bool TryGetParameters(string family, out IReadOnlyList<string> required, out IReadOnlyList<string> optional)
    {
        if (Families.TryGetValue(family, out var shape))
        {
            (required, optional) = (shape.Required, shape.Optional);
            return true;
        }
        (required, optional) = ([], []);
        return false;
    }

    /// <summary>True for shape parameters, which are plain numbers whatever quantity the distribution describes.</summary>
    public static bool IsDimensionless(string parameter) => Dimensionless.Contains(parameter);

    /// <summary>What is wrong with the parameters' values, by parameter; empty for a spec that can be built.</summary>
    public IEnumerable<(string Param, string Message)> Problems()
    {
        double P(string n) => Parameters[n];
        bool nonNegativeQuantity = Quantity != QuantityKind.Number;
        switch (Family)
        {
            case "constant":
                if (nonNegativeQuantity && P("value") < 0) yield return ("value", "must not be negative");
                break;
            case "uniform":
                if (P("min") > P("max")) yield return ("max", $"must be at least min ({Fmt(P("min"))})");
                if (nonNegativeQuantity && P("min") < 0) yield return ("min", "must not be negative");
                break;
            case "exponential":
                if (P("mean") <= 0) yield return ("mean", "must be positive");
                break;
            case "normal":
                if (P("stddev") < 0) yield return ("stddev", "must not be negative");
                break;
            case "lognormal":
                if (P("median") <= 0) yield return ("median", "must be positive");
                if (Parameters.TryGetValue("p99", out var p99) && p99 <= P("median"))
                    yield return ("p99", $"must be above the median ({Fmt(P("median"))})");
                if (Parameters.TryGetValue("sigma", out var sigma) && sigma <= 0) yield return ("sigma", "must be positive");
                break;
            case "pareto":
            case "weibull":
                if (P("scale") <= 0) yield return ("scale", "must be positive");
                if (P("shape") <= 0) yield return ("shape", "must be positive");
                break;
        }
    }

    private string Fmt(double v) => Sim.Core.Quantity.Format(v, Quantity);

    /// <summary>Builds the sampler. The spec must be valid: <see cref="Problems"/> finds nothing.</summary>
    public Distribution Build()
    {
        double P(string n) => Parameters[n];
        return Family switch
        {
            "constant" => new ConstantDistribution(P("value")),
            "uniform" => new UniformDistribution(P("min"), P("max")),
            "exponential" => new ExponentialDistribution(P("mean")),
            "normal" => new NormalDistribution(P("mean"), P("stddev")),
            "lognormal" => Parameters.TryGetValue("p99", out var p99)
                ? LogNormalDistribution.FromMedianP99(P("median"), p99)
                : new LogNormalDistribution(Math.Log(P("median")), P("sigma")),
            "pareto" => new ParetoDistribution(P("scale"), P("shape")),
            "weibull" => new WeibullDistribution(P("shape"), P("scale")),
            _ => throw new InvalidOperationException($"unknown distribution family '{Family}'"),
        };
    }

    /// <summary>The spec written back in its YAML form, for reports: <c>{dist: lognormal, median: 2ms, p99: 9ms}</c>.</summary>
    public override string ToString()
    {
        var parts = Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}: {(Dimensionless.Contains(p.Key) ? Sim.Core.Quantity.Format(p.Value, QuantityKind.Number) : Fmt(p.Value))}");
        return $"{{dist: {Family}, {string.Join(", ", parts)}}}";
    }
}
