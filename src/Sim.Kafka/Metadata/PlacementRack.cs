namespace Sim.Kafka.Metadata;

/// <summary>
/// One rack's brokers as KRaft's striped placer walks them (<c>StripedReplicaPlacer.Rack</c>): an unfenced and a
/// fenced <see cref="BrokerWalk"/>; a replica comes from the unfenced brokers, and from the fenced ones only once
/// the round has used up the unfenced (a leader never does).
/// </summary>
internal sealed class PlacementRack(string name, List<int> unfenced, List<int> fenced)
{
    private readonly BrokerWalk _unfenced = new(unfenced);
    private readonly BrokerWalk _fenced = new(fenced);

    public string Name { get; } = name;

    public void Initialize(int start)
    {
        _unfenced.Initialize(start);
        _fenced.Initialize(start);
    }

    public void Shuffle(Random random)
    {
        _unfenced.Shuffle(random);
        _fenced.Shuffle(random);
    }

    /// <summary>The next unfenced broker in <paramref name="round"/>, or -1 (a leader must be unfenced).</summary>
    public int NextUnfenced(int round) => _unfenced.Next(round);

    /// <summary>The next broker in <paramref name="round"/>, unfenced first, or -1 when the rack has none left in it.</summary>
    public int Next(int round) => _unfenced.Next(round) is var b and >= 0 ? b : _fenced.Next(round);
}

/// <summary>
/// A list of brokers the striped placer walks (<c>StripedReplicaPlacer.BrokerList</c>): within one placement round
/// (one partition) each call hands out the next broker, at most once each; when a new round first asks, the walk
/// restarts one broker further on than the last round started, so successive partitions start on successive brokers.
/// </summary>
internal sealed class BrokerWalk(List<int> brokers)
{
    private int _round;
    private int _taken;
    private int _offset;

    /// <summary>Sorts the brokers by id and sets where the walk starts (Kafka draws it at random; see <see cref="ReplicaPlacement"/>).</summary>
    public void Initialize(int start)
    {
        brokers.Sort();
        _offset = brokers.Count == 0 ? 0 : start % brokers.Count;
    }

    /// <summary>Reorders the brokers at random (the placer's reshuffle).</summary>
    public void Shuffle(Random random) => ReplicaPlacement.Shuffle(brokers, random);

    /// <summary>The next broker in <paramref name="round"/>, or -1 when every broker has been handed out in it.</summary>
    public int Next(int round)
    {
        if (brokers.Count == 0) return -1;
        if (round != _round)
        {
            _round = round;
            _taken = 0;
            _offset = (_offset + 1) % brokers.Count;
        }
        if (_taken >= brokers.Count) return -1;
        return brokers[(_taken++ + _offset) % brokers.Count];
    }
}
