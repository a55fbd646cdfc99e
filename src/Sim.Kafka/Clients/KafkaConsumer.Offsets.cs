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
        var offsets = PartitionOffsets.OfPositions(_assigned, _positions, _positionPending, AssignmentDistinct());
        if (offsets.Count == 0) return;
        _commitsInFlight++;
        Send(coordinator, new OffsetCommitRequest
        {
            To = Component.Broker, From = Component.Client, ClientId = Id, CorrelationId = _requests.NextId(), Group = Config.GroupId, Offsets = offsets,
        });
    }


    // The assignment whose partitions were last checked for repeats, and whether it had none.
    private int[]? _checkedAssignment;
    private bool _assignmentDistinct;

    /// <summary>Whether no partition appears twice in the assignment (checked once per assignment; an assignment array is never changed).</summary>
    private bool AssignmentDistinct()
    {
        if (ReferenceEquals(_checkedAssignment, _assigned)) return _assignmentDistinct;
        _checkedAssignment = _assigned;
        return _assignmentDistinct = new HashSet<int>(_assigned).Count == _assigned.Length;
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
