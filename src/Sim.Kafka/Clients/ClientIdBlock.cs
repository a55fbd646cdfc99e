namespace Sim.Kafka.Clients;

/// <summary>A run of consecutive client ids drawn by one owner; each id is recorded with its name.</summary>
public sealed class ClientIdBlock
{
    private readonly ClientIds _ids;
    private int _next;

    internal ClientIdBlock(ClientIds ids, int first)
    {
        _ids = ids;
        _next = first;
    }

    /// <summary>The next id, named <paramref name="name"/>.</summary>
    public int Next(string name)
    {
        int id = _next++;
        _ids.Record(id, name);
        return id;
    }
}
