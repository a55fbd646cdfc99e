using System.Globalization;

namespace Sim.Kafka.Clients;

/// <summary>
/// The client ids of one simulation and a readable name for each (Kafka's <c>client.id</c>): who owns the
/// client and what it does. Owners draw ids from blocks that start at fixed numbers, kept apart so that an
/// owner's ids do not depend on how many clients the others start (some model behaviour depends on ids).
/// Output names clients through <see cref="NameOf"/> instead of printing the numbers.
/// </summary>
public sealed class ClientIds
{
    /// <summary>The first id of MirrorMaker 2's consumers, producers and admin clients.</summary>
    public const int MirrorMakerFirst = 200_000;

    /// <summary>The first id of the first failover controller's block (its followers' clients and its probe).</summary>
    public const int FailoverFirst = 300_000;

    /// <summary>How far apart the blocks of successive failover controllers start.</summary>
    public const int FailoverStride = 10_000;

    /// <summary>The first id of the applications that do not fail over.</summary>
    public const int ApplicationsFirst = 400_000;

    /// <summary>The first id of the access layers' health checks and bootstrap clients.</summary>
    public const int AccessFirst = 500_000;

    private readonly SortedDictionary<int, string> _names = [];

    /// <summary>Every id handed out so far, with its name.</summary>
    public IReadOnlyDictionary<int, string> Names => _names;

    /// <summary>Ids from <paramref name="first"/> upwards, in the order they are asked for.</summary>
    public ClientIdBlock Block(int first) => new(this, first);

    public ClientIdBlock MirrorMaker() => Block(MirrorMakerFirst);

    /// <summary>The block of the <paramref name="index"/>-th failover controller (0 first).</summary>
    public ClientIdBlock Failover(int index) => Block(FailoverFirst + FailoverStride * index);

    public ClientIdBlock Applications() => Block(ApplicationsFirst);

    /// <summary>The name <paramref name="id"/> was given, or <c>client N</c> for an id no block handed out (tests number their own).</summary>
    public string NameOf(int id) => _names.TryGetValue(id, out var name) ? name : "client " + id.ToString(CultureInfo.InvariantCulture);

    internal void Record(int id, string name)
    {
        if (!_names.TryAdd(id, name)) throw new InvalidOperationException($"client id {id} handed out twice ('{_names[id]}', '{name}')");
    }
}
