using Sim.Core.Time;

namespace Sim.Experiments.Text;

/// <summary>
/// Reads a <see cref="SimDuration"/> written with a unit, as experiment and model files and the command
/// line write them. The kernel only knows typed durations; text is read here, where input is read.
/// <see cref="SimDuration.ToString"/> writes the form this reads back.
/// </summary>
public static class DurationText
{
    /// <summary>
    /// Parses a duration written with a unit: <c>250ns</c>, <c>250us</c>, <c>5ms</c>, <c>2s</c>,
    /// <c>10m</c>, <c>1h</c>; fractions are allowed (<c>1.5ms</c>), a bare number is not.
    /// </summary>
    /// <exception cref="FormatException">The text is not a duration; the message says why.</exception>
    public static SimDuration Parse(string text)
    {
        if (!TryParse(text, out var d, out var error)) throw new FormatException(error);
        return d;
    }

    public static bool TryParse(string? text, out SimDuration value, out string error)
    {
        value = SimDuration.Zero;
        if (!UnitText.TrySplit(text, out var number, out var unit, out error)) return false;
        long scale;
        switch (unit)
        {
            case "ns": scale = 1; break;
            case "us": case "µs": scale = SimDuration.NanosPerMicrosecond; break;
            case "ms": scale = SimDuration.NanosPerMillisecond; break;
            case "s": scale = SimDuration.NanosPerSecond; break;
            case "m": case "min": scale = SimDuration.NanosPerMinute; break;
            case "h": scale = SimDuration.NanosPerHour; break;
            case "":
                error = $"'{text}' has no unit; write a duration with one of ns, us, ms, s, m, h (for example 5ms)";
                return false;
            default:
                error = $"'{text}' has unknown duration unit '{unit}'; use one of ns, us, ms, s, m, h";
                return false;
        }
        double ns = number * scale;
        if (Math.Abs(ns) >= long.MaxValue)
        {
            error = $"'{text}' is too long a duration (the limit is about 292 years)";
            return false;
        }
        value = SimDuration.FromNanosecondsRounded(ns);
        error = "";
        return true;
    }
}
