using ScottPlot;

namespace Sim.Plotting;

/// <summary>
/// Places text labels next to markers so they neither overlap one another nor cover a marker, greedily
/// and in the markers' order (so the result is deterministic). Each label tries positions around its
/// marker, nearest first (right, above right, below right, above, below, left, ...), then the same ring
/// further out; if none is free it takes the first. Sizes are estimated from the font size, which is
/// close enough for the sans fonts ScottPlot uses.
/// </summary>
internal static class LabelPlacer
{
    /// <summary>A marker centred at <see cref="Center"/> (pixels) with <see cref="Radius"/> and the label to place beside it.</summary>
    public sealed record Item(Pixel Center, float Radius, string Text);

    /// <summary>Where a label goes: its offset from the marker centre and which corner of the text sits there.</summary>
    public sealed record Placement(float OffsetX, float OffsetY, Alignment Alignment);

    private static readonly (float Dx, float Dy, Alignment Alignment)[] Directions =
    [
        (1, 0, Alignment.MiddleLeft), (0.7f, -0.7f, Alignment.LowerLeft), (0.7f, 0.7f, Alignment.UpperLeft),
        (0, -1, Alignment.LowerCenter), (0, 1, Alignment.UpperCenter), (-1, 0, Alignment.MiddleRight),
        (-0.7f, -0.7f, Alignment.LowerRight), (-0.7f, 0.7f, Alignment.UpperRight),
    ];

    public static IReadOnlyList<Placement> Place(IReadOnlyList<Item> items, PixelRect area, float fontSize)
    {
        var placed = new List<PixelRect>();
        var markers = items.Select(i => new PixelRect(i.Center.X - i.Radius, i.Center.X + i.Radius, i.Center.Y + i.Radius, i.Center.Y - i.Radius)).ToList();
        var result = new List<Placement>();
        foreach (var item in items)
        {
            var width = item.Text.Length * fontSize * 0.62f + 8;
            var height = fontSize * 1.4f;
            Placement? chosen = null;
            PixelRect chosenRect = default;
            for (var ring = 0; ring < 4 && chosen is null; ring++)
            {
                var distance = item.Radius + 6 + ring * height;
                foreach (var (dx, dy, alignment) in Directions)
                {
                    var rect = RectOf(item.Center.X + dx * distance, item.Center.Y + dy * distance, width, height, alignment);
                    if (!Inside(rect, area) || placed.Any(p => Overlaps(p, rect)) || markers.Any(m => Overlaps(m, rect))) continue;
                    chosen = new Placement(dx * distance, dy * distance, alignment);
                    chosenRect = rect;
                    break;
                }
            }
            if (chosen is null)
            {
                var (dx, dy, alignment) = Directions[0];
                var distance = item.Radius + 6;
                chosen = new Placement(dx * distance, dy * distance, alignment);
                chosenRect = RectOf(item.Center.X + chosen.OffsetX, item.Center.Y + chosen.OffsetY, width, height, alignment);
            }
            placed.Add(chosenRect);
            result.Add(chosen);
        }
        return result;
    }

    private static PixelRect RectOf(float x, float y, float width, float height, Alignment alignment)
    {
        var left = alignment switch
        {
            Alignment.MiddleLeft or Alignment.LowerLeft or Alignment.UpperLeft => x,
            Alignment.MiddleRight or Alignment.LowerRight or Alignment.UpperRight => x - width,
            _ => x - width / 2,
        };
        var top = alignment switch
        {
            Alignment.UpperLeft or Alignment.UpperCenter or Alignment.UpperRight => y,
            Alignment.LowerLeft or Alignment.LowerCenter or Alignment.LowerRight => y - height,
            _ => y - height / 2,
        };
        return new PixelRect(left, left + width, top + height, top);
    }

    private static bool Inside(PixelRect rect, PixelRect area) =>
        rect.Left >= area.Left && rect.Right <= area.Right && rect.Top >= area.Top && rect.Bottom <= area.Bottom;

    private static bool Overlaps(PixelRect a, PixelRect b) =>
        a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;
}
