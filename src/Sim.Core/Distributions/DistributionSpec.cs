using Sim.Core.Validation;

namespace Sim.Core.Distributions;

/// <summary>
/// The tagged, YAML-ready description of a distribution, such as
/// <c>{dist: lognormal, median: 2ms, p99: 9ms}</c>: a family name, its parameters in base units, and
/// the kind of quantity it describes. Parsing validates everything and reports every problem by key.
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

    /// <summary>
    /// Parses the fields of a tagged distribution. Every problem goes to <paramref name="errors"/>
    /// under <paramref name="key"/>; the result is null when there was any.
    /// </summary>
    public static DistributionSpec? Parse(IReadOnlyList<KeyValuePair<string, string>> fields, QuantityKind quantity, string key, ICollection<SpecError> errors)
    {
        int before = errors.Count;
        string? family = fields.FirstOrDefault(f => f.Key == "dist").Value;
        if (family is null)
        {
            errors.Add(new SpecError(key + ".dist", "a distribution needs 'dist' naming its family", "expected one of: " + string.Join(", ", Families.Keys)));
            return null;
        }
        if (!Families.TryGetValue(family, out var shape))
        {
            errors.Add(new SpecError(key + ".dist", $"unknown distribution '{family}'", NameSuggester.Hint(family, Families.Keys)));
            return null;
        }
        var allowed = shape.Required.Concat(shape.Optional).ToList();
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, text) in fields)
        {
            if (name == "dist") continue;
            if (!allowed.Contains(name))
            {
                errors.Add(new SpecError($"{key}.{name}", $"'{family}' has no parameter '{name}'", NameSuggester.Hint(name, allowed)));
                continue;
            }
            var kind = Dimensionless.Contains(name) ? QuantityKind.Number : quantity;
            if (!Sim.Core.Quantity.TryParse(text, kind, out double v, out var why))
            {
                errors.Add(new SpecError($"{key}.{name}", why));
                continue;
            }
            values[name] = v;
        }
        foreach (var required in shape.Required)
        {
            if (!fields.Any(f => f.Key == required))
                errors.Add(new SpecError($"{key}.{required}", $"'{family}' needs '{required}'"));
        }
        if (family == "lognormal" && fields.Any(f => f.Key == "p99") == fields.Any(f => f.Key == "sigma"))
        {
            errors.Add(new SpecError(key, "'lognormal' needs exactly one of 'p99' or 'sigma' beside 'median'"));
        }
        if (errors.Count > before) return null;
        var spec = new DistributionSpec(family, values, quantity);
        foreach (var problem in spec.Check()) errors.Add(new SpecError($"{key}.{problem.Param}", problem.Message));
        return errors.Count > before ? null : spec;
    }

    private IEnumerable<(string Param, string Message)> Check()
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

    /// <summary>Builds the sampler. The spec must have come from <see cref="Parse"/> or be otherwise valid.</summary>
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
