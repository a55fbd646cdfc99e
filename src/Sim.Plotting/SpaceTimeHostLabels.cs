using ScottPlot;

namespace Sim.Plotting;

/// <summary>
/// The host names over the lifelines of the space-time diagram, as large as the columns allow: on one line
/// when every name fits its column, else wrapped after hyphens onto up to three lines
/// (<c>stretch-</c>/<c>broker-1</c>), else turned upright, which costs height but keeps every name whole
/// and apart however many hosts there are.
/// </summary>
internal sealed class SpaceTimeHostLabels
{
    private const float Margin = 12;
    private const int MaxLines = 3;

    private readonly ScottPlot.TickGenerators.NumericManual ticks;
    private readonly bool upright;

    private SpaceTimeHostLabels(ScottPlot.TickGenerators.NumericManual ticks, bool upright, float space)
    {
        this.ticks = ticks;
        this.upright = upright;
        Space = space;
    }

    /// <summary>The height the labels need above the data area, in pixels.</summary>
    public float Space { get; }

    public static SpaceTimeHostLabels Ticks(SpaceTimeLayout layout, double columnPixels)
    {
        var size = TraceChartStyle.TickFontSize;
        var names = layout.Columns.Select(c => c.Host.Name).ToList();
        var fits = (string text) => TraceChartStyle.TextWidth(text, size) <= columnPixels - 4;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var wrapped = layout.Columns.Select(c => Wrap(c.Host.Name, fits)).ToList();
        if (wrapped.All(w => w is not null))
        {
            for (var i = 0; i < layout.Columns.Count; i++) ticks.AddMajor(layout.Columns[i].X, string.Join("\n", wrapped[i]!));
            var lines = wrapped.Select(w => w!.Count).DefaultIfEmpty(1).Max();
            return new SpaceTimeHostLabels(ticks, upright: false, size * (0.3f + 1.25f * lines) + Margin);
        }
        foreach (var c in layout.Columns) ticks.AddMajor(c.X, c.Host.Name);
        var longest = names.Select(n => TraceChartStyle.TextWidth(n, size)).DefaultIfEmpty(0).Max();
        return new SpaceTimeHostLabels(ticks, upright: true, longest + Margin);
    }

    public void Apply(IAxis top)
    {
        top.TickGenerator = ticks;
        top.MajorTickStyle.Length = 0;
        top.MinorTickStyle.Length = 0;
        if (!upright) return;
        top.TickLabelStyle.Rotation = -90;
        top.TickLabelStyle.Alignment = Alignment.MiddleLeft;
    }

    /// <summary>
    /// <paramref name="name"/> cut after hyphens into as few lines as fit, the cuts chosen so the longest line
    /// is as short as it can be (<c>stretch-</c>/<c>controller-4</c>, not <c>stretch-controller-</c>/<c>4</c>);
    /// null when more than <see cref="MaxLines"/> lines would be needed.
    /// </summary>
    private static List<string>? Wrap(string name, Func<string, bool> fits)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] != '-' || i == name.Length - 1) continue;
            pieces.Add(name[start..(i + 1)]);
            start = i + 1;
        }
        pieces.Add(name[start..]);
        for (var lines = 1; lines <= Math.Min(MaxLines, pieces.Count); lines++)
        {
            var best = Splits(pieces, lines).Where(s => s.All(fits)).MinBy(s => s.Max(l => l.Length));
            if (best is not null) return best;
        }
        return null;
    }

    /// <summary>Every way to cut <paramref name="pieces"/>, in order, into <paramref name="lines"/> non-empty lines.</summary>
    private static IEnumerable<List<string>> Splits(IReadOnlyList<string> pieces, int lines)
    {
        if (lines == 1)
        {
            yield return [string.Concat(pieces)];
            yield break;
        }
        for (var take = 1; take <= pieces.Count - lines + 1; take++)
        {
            var head = string.Concat(pieces.Take(take));
            foreach (var rest in Splits(pieces.Skip(take).ToList(), lines - 1)) yield return [head, .. rest];
        }
    }
}
