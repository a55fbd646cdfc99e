namespace Sim.Architectures.Faults;

/// <summary>How an <see cref="IsrSizeIs"/> condition compares the ISR's size: <c>equals</c>, <c>below</c> or <c>above</c>.</summary>
public enum IsrComparison
{
    Equals,
    Below,
    Above,
}
