namespace Sim.Architectures.Faults;

/// <summary>What an outage takes down: every node in the place, or only the Kafka brokers and controllers there.</summary>
public enum OutageScope
{
    All,
    Kafka,
}
