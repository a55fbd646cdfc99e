using Sim.Core.Time;

namespace Sim.Architectures.Conflicts;

/// <summary>
/// One batch a site wrote to its own cluster, as the conflict ledger follows it until the other site has it:
/// the offset range, when it was appended, the batch's CreateTime (stamped by the producer's clock, so a
/// site's clock offset is in it), and how many distinct keys it touched. Records are never objects: the
/// batch's keys are a count over the partition's key domain (<see cref="KeyDomain"/>).
/// </summary>
internal sealed class ConflictWrite(string site, long baseOffset, int count, SimTime created, SimTime appended, SimTime createTime, double distinctKeys)
{
    public string Site { get; } = site;
    public long BaseOffset { get; } = baseOffset;
    public long EndOffset => BaseOffset + Count;
    public int Count { get; } = count;
    public SimTime Appended { get; } = appended;

    /// <summary>When the application made the batch, in true time (CreateTime less its producer's clock offset): what it had seen then is what it followed.</summary>
    public SimTime Created { get; } = created;
    public SimTime CreateTime { get; } = createTime;

    /// <summary>Expected distinct keys among the batch's records.</summary>
    public double DistinctKeys { get; } = distinctKeys;

    /// <summary>When the other site appended its copy (set once it arrived).</summary>
    public SimTime? Arrived { get; set; }

    /// <summary>The earliest conflicting write's time, when this write took part in a conflict.</summary>
    public SimTime? ConflictSince { get; set; }

    /// <summary>Keys of this write that a conflict left unsettled until it arrives.</summary>
    public double ConflictKeys { get; set; }
}
