using ScottPlot;

namespace Sim.Plotting;

/// <summary>
/// The data area of the space-time diagram: its limits (x in columns, y in milliseconds growing downwards)
/// and its size in pixels, which the diagram fixes itself. Knowing both lets arrowheads and labels be
/// shaped in pixels, where the two axes' very different scales do not distort them.
/// </summary>
internal sealed record SpaceTimeArea(double XMin, double XMax, double YTop, double YBottom, float Width, float Height)
{
    public double PixelsPerX => Width / (XMax - XMin);

    public double PixelsPerY => Height / (YBottom - YTop);

    /// <summary>The pixel position of a data point, from the top left corner of the data area.</summary>
    public Pixel ToPixel(double x, double y) => new((float)((x - XMin) * PixelsPerX), (float)((y - YTop) * PixelsPerY));

    public Coordinates ToData(double px, double py) => new(XMin + px / PixelsPerX, YTop + py / PixelsPerY);
}
