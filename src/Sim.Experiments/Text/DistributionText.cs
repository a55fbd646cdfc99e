using Sim.Core;
using Sim.Core.Distributions;
using Sim.Core.Validation;

namespace Sim.Experiments.Text;

/// <summary>
/// Reads a tagged distribution (<c>{dist: lognormal, median: 2ms, p99: 9ms}</c>) from the key/value
/// fields a YAML mapping holds into a <see cref="DistributionSpec"/>, reporting every problem under its key.
/// </summary>
public static class DistributionText
{
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
            errors.Add(new SpecError(key + ".dist", "a distribution needs 'dist' naming its family", "expected one of: " + string.Join(", ", DistributionSpec.FamilyNames)));
            return null;
        }
        if (!DistributionSpec.TryGetParameters(family, out var required, out var optional))
        {
            errors.Add(new SpecError(key + ".dist", $"unknown distribution '{family}'", NameSuggester.Hint(family, DistributionSpec.FamilyNames)));
            return null;
        }
        var allowed = required.Concat(optional).ToList();
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, text) in fields)
        {
            if (name == "dist") continue;
            if (!allowed.Contains(name))
            {
                errors.Add(new SpecError($"{key}.{name}", $"'{family}' has no parameter '{name}'", NameSuggester.Hint(name, allowed)));
                continue;
            }
            var kind = DistributionSpec.IsDimensionless(name) ? QuantityKind.Number : quantity;
            if (!QuantityText.TryParse(text, kind, out double v, out var why))
            {
                errors.Add(new SpecError($"{key}.{name}", why));
                continue;
            }
            values[name] = v;
        }
        foreach (var name in required)
        {
            if (!fields.Any(f => f.Key == name))
                errors.Add(new SpecError($"{key}.{name}", $"'{family}' needs '{name}'"));
        }
        if (family == "lognormal" && fields.Any(f => f.Key == "p99") == fields.Any(f => f.Key == "sigma"))
        {
            errors.Add(new SpecError(key, "'lognormal' needs exactly one of 'p99' or 'sigma' beside 'median'"));
        }
        if (errors.Count > before) return null;
        var spec = new DistributionSpec(family, values, quantity);
        foreach (var problem in spec.Problems()) errors.Add(new SpecError($"{key}.{problem.Param}", problem.Message));
        return errors.Count > before ? null : spec;
    }
}
