namespace Sim.Architectures.Faults;

/// <summary>What an outage's target names: a zone (<c>zone-outage</c>), a site (<c>site-outage</c>) or a region (<c>region-outage</c>).</summary>
public enum OutageLevel
{
    Zone,
    Site,
    Region,
}
