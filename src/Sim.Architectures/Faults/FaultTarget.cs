namespace Sim.Architectures.Faults;

/// <summary>
/// What a fault hits: names from the model (a zone, a region, a site, a node such as <c>east-broker-3</c>,
/// a Connect worker, several of them separated by commas), or a role resolved when the fault fires:
/// <c>leader-of:TOPIC/PARTITION</c>, <c>active-controller</c>, <c>random-broker</c> or
/// <c>random-broker:ZONE</c>, <c>random-controller</c>, <c>random-worker</c>, <c>zone-with-most-leaders</c>.
/// </summary>
public sealed record FaultTarget(string Text)
{
    public static readonly IReadOnlyList<string> RoleNames =
        ["leader-of", "active-controller", "random-broker", "random-controller", "random-worker", "zone-with-most-leaders"];

    /// <summary>The parts of a comma-separated target.</summary>
    public IReadOnlyList<string> Parts => Text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The role of a single-part target (null: a name).</summary>
    public static (string Role, string? Argument)? RoleOf(string part)
    {
        int colon = part.IndexOf(':');
        string head = colon < 0 ? part : part[..colon];
        if (!RoleNames.Contains(head)) return null;
        return (head, colon < 0 ? null : part[(colon + 1)..]);
    }

    public override string ToString() => Text;
}
