using ScottPlot;
using Sim.Results;

namespace Sim.Plotting;

/// <summary>
/// The arrows of the space-time diagram: a shaft (solid for a request, dashed for a response) and a filled
/// head, both thinner when there are many messages so a busy window stays legible, and the name of the
/// first message of each type written on its arrow where it overlaps no other name.
/// </summary>
internal static class SpaceTimeArrows
{
    private const float LabelFontSize = 16;

    // Spots along an arrow tried for its name, from the middle outwards, on the arrow and then a line or two above or below it.
    private static readonly double[] LabelSpots = [0.5, 0.35, 0.65, 0.22, 0.78];
    private static readonly float[] LabelShifts = [0, -1, 1, -2, 2];

    public static void Add(Plot plot, IReadOnlyList<MessageHop> messages, SpaceTimeLayout layout, SpaceTimeArea area, double from)
    {
        var (shaft, headLength, headWidth) = messages.Count switch
        {
            <= 80 => (2.8f, 16f, 12f),
            <= 200 => (2f, 13f, 10f),
            _ => (1.3f, 10f, 7f),
        };
        var hosts = layout.Hosts;
        var labelled = new HashSet<string>(StringComparer.Ordinal);
        var labels = new List<(string Name, Pixel Start, Pixel Tip, Color Color)>();
        foreach (var message in messages)
        {
            var kind = MessageKinds.Of(message, hosts);
            var start = area.ToPixel(layout.XOf(message.From), SpaceTimeChart.Ms(message.SentS, from));
            var tip = area.ToPixel(layout.XOf(message.To), SpaceTimeChart.Ms(message.ArrivedS, from));
            AddArrow(plot, area, start, tip, kind.Color, MessageKinds.IsResponse(message), shaft, headLength, headWidth);
            if (labelled.Add($"{message.Message}/{kind.Rank}")) labels.Add((message.Message, start, tip, kind.Color));
        }

        // Names go on last, over every arrow, so none is hidden under a later one.
        var placed = new List<PixelRect>();
        foreach (var (name, start, tip, color) in labels) AddLabel(plot, area, name, start, tip, color, placed);
    }

    private static void AddArrow(Plot plot, SpaceTimeArea area, Pixel start, Pixel tip, Color color, bool response, float shaft, float headLength, float headWidth)
    {
        var dx = tip.X - start.X;
        var dy = tip.Y - start.Y;
        var length = MathF.Sqrt(dx * dx + dy * dy);
        if (length < 1)
        {
            // A message that went nowhere in no time cannot be an arrow; a dot keeps it counted on the picture.
            var at = area.ToData(tip.X, tip.Y);
            plot.Add.Marker(at.X, at.Y, MarkerShape.FilledCircle, headWidth, color).LegendText = "";
            return;
        }
        var (ux, uy) = (dx / length, dy / length);
        var head = Math.Min(headLength, length * 0.6f);
        var neck = new Pixel(tip.X - ux * head * 0.8f, tip.Y - uy * head * 0.8f);

        var a = area.ToData(start.X, start.Y);
        var b = area.ToData(neck.X, neck.Y);
        var line = plot.Add.Line(a.X, a.Y, b.X, b.Y);
        line.LineColor = color;
        line.LineWidth = shaft;
        line.LinePattern = response ? new LinePattern([8, 5], 0, "arrow") : LinePattern.Solid;

        var baseX = tip.X - ux * head;
        var baseY = tip.Y - uy * head;
        var half = headWidth / 2;
        Coordinates[] corners =
        [
            area.ToData(tip.X, tip.Y),
            area.ToData(baseX - uy * half, baseY + ux * half),
            area.ToData(baseX + uy * half, baseY - ux * half),
        ];
        var polygon = plot.Add.Polygon(corners);
        polygon.FillColor = color;
        polygon.LineWidth = 0;
    }

    private static void AddLabel(Plot plot, SpaceTimeArea area, string name, Pixel start, Pixel tip, Color color, List<PixelRect> placed)
    {
        var width = TraceChartStyle.TextWidth(name, LabelFontSize, bold: true);
        var height = LabelFontSize * 1.4f;
        foreach (var (spot, shift) in LabelShifts.SelectMany(shift => LabelSpots.Select(spot => (spot, shift))))
        {
            var x = start.X + (tip.X - start.X) * (float)spot;
            var y = start.Y + (tip.Y - start.Y) * (float)spot + shift * height;
            var rect = new PixelRect(x - width / 2, x + width / 2, y + height / 2, y - height / 2);
            if (rect.Left < 0 || rect.Right > area.Width || rect.Top < 0 || rect.Bottom > area.Height) continue;
            if (placed.Any(p => p.Left < rect.Right && rect.Left < p.Right && p.Top < rect.Bottom && rect.Top < p.Bottom)) continue;
            placed.Add(rect);
            var at = area.ToData(x, y);
            var text = TraceChartStyle.AddText(plot, name, at.X, at.Y, LabelFontSize, color.Darken(0.35), Alignment.MiddleCenter, bold: true);
            text.LabelBackgroundColor = Colors.White.WithOpacity(0.88);
            text.LabelBorderColor = color;
            text.LabelBorderWidth = 1;
            return;
        }
    }
}
