using System.Globalization;

namespace Sim.Experiments.Text;

/// <summary>Splits a quantity written as a number followed by a unit (<c>2.5ms</c>, <c>10 MiB</c>).</summary>
internal static class UnitText
{
    public static bool TrySplit(string? text, out double number, out string unit, out string error)
    {
        number = 0;
        unit = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the value is empty";
            return false;
        }
        var s = text.Trim();
        int i = 0;
        if (i < s.Length && (s[i] == '-' || s[i] == '+')) i++;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.' || s[i] == '_')) i++;
        // Scientific notation (1e6) is accepted, but only when an exponent digit follows the 'e'.
        if (i + 1 < s.Length && (s[i] == 'e' || s[i] == 'E') && (char.IsAsciiDigit(s[i + 1]) || s[i + 1] == '-'))
        {
            i += 2;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        }
        var numberText = s[..i].Replace("_", "", StringComparison.Ordinal);
        if (!double.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out number) || double.IsNaN(number) || double.IsInfinity(number))
        {
            error = $"'{text}' does not start with a number";
            return false;
        }
        unit = s[i..].Trim();
        error = "";
        return true;
    }
}
