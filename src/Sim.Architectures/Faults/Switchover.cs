namespace Sim.Architectures.Faults;

/// <summary>
/// <c>switchover</c>: a planned failover of the applications of a failover whose primary is <c>target</c> (a
/// cluster name): producers drained, the mirror's lag waited out to zero, consumers moved to their translated
/// checkpoint offsets, producers moved after them (<see cref="Sim.MirrorMaker.Failover.FailoverController.Switchover"/>,
/// the planned migration of KIP-382 and the controlled failover of MirrorMaker 2 runbooks). The primary stays
/// up, so nothing it acknowledged is stranded; an outage fault instead is the unplanned failover. Done once,
/// it takes no duration (a failback is the failover's own <c>failback</c> setting).
/// </summary>
public sealed record Switchover(Sim.Core.Time.SimTime At, string Primary) : Fault(At, null)
{
    public override string Kind => FaultKind.Switchover;

    public override string TargetText => Primary;

    public override FaultEffect Apply(FaultRuntime runtime)
    {
        var fc = runtime.Run.Failovers.Values.FirstOrDefault(f => f.Primary.Name == Primary);
        if (fc is null) return FaultEffect.Nothing($"no failover from cluster {Primary}");
        if (fc.DeclaredAt is not null) return FaultEffect.Nothing($"{Primary} already failed over");
        fc.Switchover();
        return FaultEffect.Nothing($"switchover from {Primary} to {fc.Standby.Name}");
    }

    public static Fault? Read(FaultFields f)
    {
        if (f.Duration is not null) f.Error("duration", "a switchover is done once it is made: it takes no duration");
        var primaries = f.Names.Plan.Failovers.Select(p => p.Primary).ToList();
        var target = f.One("target", t => primaries.Contains(t)
            ? t : Parsed<string>.Fail($"no failover has primary cluster '{t}' (primaries: {(primaries.Count == 0 ? "none: the architecture has no failover" : string.Join(", ", primaries))})"));
        if (target is null || f.Duration is not null) return null;
        return new Switchover(f.At, target);
    }
}
