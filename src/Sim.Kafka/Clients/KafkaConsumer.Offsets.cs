using Sim.Kafka.Protocol;

namespace Sim.Kafka.Clients;

/// <summary>The consumer's committed offsets: where it starts (its group's commits, another group's such as a MirrorMaker 2 checkpoint, or both), and its commits.</summary>
public sealed partial class KafkaConsumer
{
    // ---- offsets ----

    private int CoordinatorLeader(string? group = null) => _metadata.CoordinatorOf(group ?? Config.GroupId);

    private void FetchCommittedOffsets()
    {
        int coordinator = CoordinatorLeader(StartOffsetsGroup);
        if (coordinator < 0 && _groupManaged)
        {
            // The coordinator is not known yet: ask for metadata and fetch the offsets once it answers.
            _retryOffsetFetch = true;
            RequestMetadata();
            return;
        }
        if (coordinator < 0)
        {
            // No offsets storage: every partition starts by the reset policy.
            _offsetsKnown = true;
            FetchAll();
            return;
        }
        var req = new OffsetFetchRequest { To = Component.Broker, From = Component.Client, ClientId = Id, CorrelationId = _requests.NextId(), Group = StartOffsetsGroup ?? Config.GroupId };
        _ownGroupNext = StartOffsetsGroup is not null && OwnGroupWhereNone;
        _ownGroupRound = StartOffsetsGroup is null && OwnGroupWhereNone;
        // The other group's offsets are where a failed-over consumer begins; later assignments read its own group's.
        if (_groupManaged) StartOffsetsGroup = null;
        Send(coordinator, req);
    }

    private void Commit()
    {
        int coordinator = CoordinatorLeader();
        // A member outside a generation cannot commit (the coordinator answers ILLEGAL_GENERATION or UNKNOWN_MEMBER_ID).
        if (coordinator < 0 || !_offsetsKnown || (_groupManaged && _memberState != MemberState.Stable)) return;
        var offsets = new Dictionary<int, long>();
        for (int i = 0; i < _assigned.Length; i++)
        {
            if (_positions[i] >= 0 && !_positionPending[i]) offsets[_assigned[i]] = _positions[i];
        }
        if (offsets.Count == 0) return;
        _commitsInFlight++;
        Send(coordinator, new OffsetCommitRequest
        {
            To = Component.Broker, From = Component.Client, ClientId = Id, CorrelationId = _requests.NextId(), Group = Config.GroupId, Offsets = offsets,
        });
    }


    private void OnOffsets(OffsetFetchResponse m)
    {
        if (m.Error != ErrorCode.None)
        {
            RequestMetadata();
            _retryOffsetFetch = true;
            return;
        }
        bool askOwnGroup = false;
        for (int i = 0; i < _assigned.Length; i++)
        {
            if ((_groupManaged || _ownGroupRound) && !_positionPending[i]) continue;
            bool found = m.Offsets is not null && m.Offsets.TryGetValue(_assigned[i], out var o) && (_positions[i] = o) >= 0;
            if (!found && _ownGroupNext) { askOwnGroup = true; continue; }
            _positionPending[i] = false;
        }
        if (askOwnGroup)
        {
            StartOffsetsGroup = null;
            FetchCommittedOffsets();
            return;
        }
        _ownGroupRound = false;
        _offsetsKnown = true;
        FetchAll();
    }
}
