namespace Sim.Architectures.Metrics;

/// <summary>
/// Prices per GB of data transferred, in US dollars. The defaults are AWS's published on-demand EC2 data
/// transfer prices: $0.01/GB charged on each side of a transfer between availability zones of a region
/// ($0.02 per GB moved), and $0.02/GB for transfer from a US region to another region (see docs/metrics.md).
/// </summary>
public sealed record Prices(double CrossZonePerGb, double CrossRegionPerGb)
{
    public static readonly Prices AwsDefaults = new(0.02, 0.02);
}
