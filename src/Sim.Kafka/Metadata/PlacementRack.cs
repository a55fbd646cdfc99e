namespace Sim.Kafka.Metadata;

/// <summary>
/// One rack's brokers as KRaft's striped placer walks them (<c>StripedReplicaPlacer.BrokerList</c>):
/// within one placement round (one partition) each call hands out the next broker of the rack, at most
/// once each; when a new round first asks, the walk restarts one broker further on than the last round
/// started, so successive partitions start on successive brokers of the rack.
/// </summary>
internal sealed class PlacementRack(string name, List<int> brokers)
{
    private int _round;
    private int _taken;
    private int _offset;

    public string Name { get; } = name;

    /// <summary>Sorts the brokers by id and sets where the walk starts (Kafka draws it at random; see <see cref="ReplicaPlacement"/>).</summary>
    public void Initialize(int start)
    {
        brokers.Sort();
        _offset = start % brokers.Count;
    }

    /// <summary>Reorders the brokers at random (the placer's reshuffle after as many rounds as there are brokers).</summary>
    public void Shuffle(Random random) => ReplicaPlacement.Shuffle(brokers, random);

    /// <summary>The next broker of this rack in <paramref name="round"/>, or -1 when every broker of the rack has been handed out in it.</summary>
    public int Next(int round)
    {
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
