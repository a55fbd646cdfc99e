using Sim.Kafka.Log;
using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>
/// The fetch results and result lists a broker's fetch responses are built from, reused once a response is dead: a
/// replica fetcher hands its response back after applying it (the leader that built it is done with it once it is
/// sent, and nothing else holds it). Responses to consumers, and those lost or answered too late, are left to the
/// garbage collector. A simulator device with no Kafka counterpart; what a fetch answers is unchanged.
/// </summary>
internal sealed class FetchResultPool
{
    // Bounds what a broker that mostly follows (receives more results than it sends) keeps in hand.
    private const int MaxResults = 8192;
    private const int MaxLists = 256;
    // A batch list grown by a large catch-up read is not kept: the pool holds small lists only.
    private const int MaxBatchCapacity = 256;

    private readonly Stack<FetchResult> _results = new();
    private readonly Stack<List<FetchResult>> _lists = new();

    /// <summary>A result for <paramref name="partition"/> with every other field at its initial value.</summary>
    public FetchResult Result(int partition)
    {
        if (!_results.TryPop(out var r)) return new FetchResult { Partition = partition };
        r.Partition = partition;
        return r;
    }

    public List<FetchResult> List() => _lists.TryPop(out var l) ? l : [];

    /// <summary>Takes back a response's results and their list; the caller holds no reference to any of them after.</summary>
    /// <summary>Takes back one result left out of a response.</summary>
    public void Return(FetchResult r)
    {
        if (_results.Count >= MaxResults) return;
        r.Reset(MaxBatchCapacity);
        _results.Push(r);
    }

    public void Return(List<FetchResult> results)
    {
        foreach (var r in results)
        {
            if (_results.Count >= MaxResults) break;
            r.Reset(MaxBatchCapacity);
            _results.Push(r);
        }
        results.Clear();
        if (_lists.Count < MaxLists) _lists.Push(results);
    }
}
