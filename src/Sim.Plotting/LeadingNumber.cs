using System.Globalization;
using System.Text.RegularExpressions;

namespace Sim.Plotting;

/// <summary>
/// Splits a swept value as written in an experiment (<c>20ms</c>, <c>0.5</c>, <c>1Gbps</c>, <c>1e3</c>) into
/// its leading number and the unit that follows it. Values that do not start with a number (<c>true</c>,
/// <c>all</c>, <c>lognormal</c>) are not numeric, which makes their key categorical.
/// </summary>
internal static partial class LeadingNumber
{
    [GeneratedRegex(@"^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string text, out double number, out string unit)
    {
        number = double.NaN;
        unit = "";
        var match = Pattern().Match(text);
        if (!match.Success) return false;
        if (!double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out number)) return false;
        if (!double.IsFinite(number)) return false;
        unit = match.Groups[2].Value;
        return true;
    }
}
