namespace Sim.Core.Randomness;

/// <summary>
/// The random streams of one run, all derived from its master seed. A stream's seed depends only on
/// the master seed and the stream's name (<see cref="StableHash.Derive"/>), so adding a stream, or a
/// component drawing from a new stream, never shifts another stream's draws: changing the fault plan
/// leaves the workload's arrivals exactly as they were.
/// </summary>
/// <remarks>
/// Conventional names: <c>workload/…</c>, <c>network/…</c>, <c>faults</c>, <c>elections/…</c>,
/// <c>disk/…</c>. Names are per component (<c>network/link/a-&gt;b</c>) so that adding a link does not
/// perturb the others either.
/// </remarks>
public sealed class RngStreams(ulong masterSeed)
{
    private readonly Dictionary<string, RngStream> _streams = new(StringComparer.Ordinal);

    public ulong MasterSeed { get; } = masterSeed;

    /// <summary>The stream named <paramref name="name"/>, created on first use.</summary>
    public RngStream Get(string name)
    {
        if (!_streams.TryGetValue(name, out var s))
        {
            s = new RngStream(name, StableHash.Derive(MasterSeed, name));
            _streams.Add(name, s);
        }
        return s;
    }
}
