using ScottPlot;
using SkiaSharp;

namespace Sim.Plotting;

/// <summary>
/// Draws several plots one above the other into a single PNG. Each plot gets a band of the image of a
/// given height and fixed pixel margins, so plots sharing a time axis and the same left and right
/// margins have data areas that line up exactly, which ScottPlot's automatic layout would not promise.
/// </summary>
internal static class PanelStack
{
    /// <summary>
    /// One band of the image: the plot, the band's height in pixels, its margins around the data area, and
    /// an optional heading written in bold in the top margin, flush with the data area's left edge (where
    /// ScottPlot has no title of its own: its title is centred).
    /// </summary>
    public sealed record Panel(Plot Plot, float Height, PixelPadding Padding, string? Heading = null);

    public const float HeadingFontSize = 21;

    /// <summary>
    /// Renders <paramref name="panels"/> on a white image <paramref name="width"/> wide and writes it to <paramref name="path"/>:
    /// top to bottom, or in rows of <paramref name="columns"/> panels of equal width (small multiples), each row as tall
    /// as its tallest panel.
    /// </summary>
    public static void Save(IReadOnlyList<Panel> panels, int width, string path, int columns = 1)
    {
        columns = Math.Clamp(columns, 1, Math.Max(1, panels.Count));
        var rows = panels.Chunk(columns).ToList();
        // Rounded, not ceiled: band heights that add up to 900 in exact arithmetic may sum to 900.00003 in floats.
        var height = (int)Math.Round(rows.Sum(r => r.Max(p => p.Height)));
        var cell = (float)width / columns;
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        var top = 0f;
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++) Render(surface.Canvas, row[i], new PixelRect(i * cell, (i + 1) * cell, top + row[i].Height, top));
            top += row.Max(p => p.Height);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    private static void Render(SKCanvas canvas, Panel panel, PixelRect rect)
    {
        panel.Plot.Layout.Fixed(panel.Padding);
        ChartStyle.ApplyFont(panel.Plot);

        // A plot fills the whole canvas with its background before drawing, so each is clipped to its own band.
        canvas.Save();
        canvas.ClipRect(new SKRect(rect.Left, rect.Top, rect.Right, rect.Bottom));
        panel.Plot.Render(canvas, rect);
        canvas.Restore();
        if (panel.Heading is not null) DrawHeading(canvas, panel.Heading, rect.Left + panel.Padding.Left, rect.Top + panel.Padding.Top - 6);
    }

    private static void DrawHeading(SKCanvas canvas, string text, float left, float baseline)
    {
        using var typeface = SKTypeface.FromFamilyName(ChartStyle.FontName, SKFontStyle.Bold);
        using var font = new SKFont(typeface, HeadingFontSize) { Edging = SKFontEdging.Antialias, Subpixel = true };
        using var paint = new SKPaint { Color = new SKColor(0x22, 0x22, 0x22), IsAntialias = true };
        canvas.DrawText(text, left, baseline, SKTextAlign.Left, font, paint);
    }
}
