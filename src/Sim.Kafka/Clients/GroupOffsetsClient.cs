using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka.Protocol;
using Sim.Network.Topology;

namespace Sim.Kafka.Clients;

/// <summary>
/// An admin client for consumer group offsets (Admin.listConsumerGroupOffsets and alterConsumerGroupOffsets):
/// it finds a group's coordinator from its metadata and reads or writes the group's committed offsets,
/// retrying after <c>retry.backoff.ms</c> until <c>default.api.timeout.ms</c> (60 s) runs out, when the
/// callback gets null (read) or false (write). MirrorMaker 2's checkpoint task is its user.
/// </summary>
public sealed class GroupOffsetsClient : IKafkaEndpoint, IEventHandler
{
    private readonly ClusterContext _ctx;
    private readonly ClientMetadata _metadata;
    private readonly PendingRequests<Operation> _requests;
    private readonly int _kTimeout, _kRetry;
    private static readonly SimDuration RequestTimeout = SimDuration.FromSeconds(30);
    private static readonly SimDuration ApiTimeout = SimDuration.FromSeconds(60);
    private static readonly SimDuration RetryBackoff = SimDuration.FromMilliseconds(100);

    public GroupOffsetsClient(ClusterContext ctx, int clientId, Node node)
    {
        _ctx = ctx;
        Id = clientId;
        Node = node;
        _metadata = new ClientMetadata(ctx, clientId);
        _kTimeout = ctx.Scheduler.Kinds.Register("admin:request-timeout");
        _kRetry = ctx.Scheduler.Kinds.Register("admin:retry");
        _requests = new PendingRequests<Operation>(ctx.Scheduler, this, _kTimeout);
        ctx.Host(node).AddClient(clientId, this);
    }

    public int Id { get; }
    public Node Node { get; }

    /// <summary>The node this process runs on, whose pause holds its events.</summary>
    public int Host => Node.Index;
    public bool Stopped { get; private set; }

    private Scheduler S => _ctx.Scheduler;

    /// <summary>A read or write of one group's offsets, kept until it succeeds or its deadline passes.</summary>
    private sealed class Operation
    {
        public required string Group;
        public PartitionOffsets? Write;
        public Action<IReadOnlyDictionary<int, long>?>? OnRead;
        public Action<bool>? OnWritten;
        public SimTime Deadline;

        // The request in flight, whose connection a timeout closes.
        public KafkaMessage? Request;
    }

    /// <summary>Reads <paramref name="group"/>'s committed offsets (catalog index to offset; empty when none).</summary>
    public void ReadOffsets(string group, Action<IReadOnlyDictionary<int, long>?> done) =>
        Begin(new Operation { Group = group, OnRead = done, Deadline = S.Now + ApiTimeout });

    /// <summary>Commits <paramref name="offsets"/> for <paramref name="group"/>.</summary>
    public void WriteOffsets(string group, IReadOnlyDictionary<int, long> offsets, Action<bool> done) =>
        Begin(new Operation { Group = group, Write = PartitionOffsets.From(offsets), OnWritten = done, Deadline = S.Now + ApiTimeout });

    /// <summary>The process stops: pending operations are dropped without answer.</summary>
    public void Stop()
    {
        Stopped = true;
        _requests.Clear();
    }

    private void Begin(Operation op)
    {
        if (Stopped) return;
        if (S.Now >= op.Deadline)
        {
            Finish(op, null, false);
            return;
        }
        int coordinator = Coordinator(op.Group);
        if (coordinator < 0)
        {
            RefreshMetadata();
            S.Schedule(RetryBackoff, this, _kRetry, 0, op);
            return;
        }
        long id = _requests.NextId();
        KafkaMessage req = op.Write is not { } write
            ? new OffsetFetchRequest { To = Component.Broker, From = Component.Client, ClientId = Id, CorrelationId = id, Group = op.Group }
            : new OffsetCommitRequest { To = Component.Broker, From = Component.Client, ClientId = Id, CorrelationId = id, Group = op.Group, Offsets = write };
        op.Request = req;
        _requests.Add(id, op, RequestTimeout);
        _ctx.Send(Node, _ctx.BrokerNode(coordinator), req);
    }

    private int Coordinator(string group) => _metadata.CoordinatorOf(group);

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (Stopped) return;
        if (ev.Kind == _kRetry)
        {
            if (ev.State is MetadataGiveUp g)
            {
                if (_metadata.InFlight != g.Request.CorrelationId) return;
                _ctx.Disconnect(Node, g.Request);
                _metadata.RequestFailed();
            }
            else Begin((Operation)ev.State!);
        }
        else if (ev.Kind == _kTimeout && _requests.TryTimeOut(ev.Arg, out var op))
        {
            // NetworkClient.handleTimedOutRequests closes the connection the request timed out on (the admin client's too).
            if (op.Request is { } timedOut) _ctx.Disconnect(Node, timedOut);
            Retry(op);
        }
    }

    public void Receive(KafkaMessage message)
    {
        if (Stopped) return;
        if (message is MetadataResponse m)
        {
            if (_metadata.InFlight == m.CorrelationId) _metadata.Complete(m);
            return;
        }
        if (!_requests.TryComplete(message.CorrelationId, out var op)) return;
        switch (message)
        {
            case OffsetFetchResponse r when r.Error == ErrorCode.None:
                Finish(op, r.Offsets ?? new Dictionary<int, long>(), true);
                break;
            case OffsetCommitResponse r when r.Error == ErrorCode.None:
                Finish(op, null, true);
                break;
            default:
                Retry(op);
                break;
        }
    }

    public void ConnectionClosed(KafkaMessage message)
    {
        if (Stopped) return;
        if (message is MetadataRequest)
        {
            if (_metadata.InFlight == message.CorrelationId) _metadata.RequestFailed();
            return;
        }
        if (_requests.TryComplete(message.CorrelationId, out var op)) Retry(op);
    }

    private void Retry(Operation op)
    {
        RefreshMetadata();
        S.Schedule(RetryBackoff, this, _kRetry, 0, op);
    }

    private static void Finish(Operation op, IReadOnlyDictionary<int, long>? read, bool ok)
    {
        if (op.Write is null) op.OnRead?.Invoke(ok ? read : null);
        else op.OnWritten?.Invoke(ok);
    }

    private void RefreshMetadata()
    {
        var req = _metadata.BeginRequest(Id, _requests.NextId(), out int broker);
        if (req is null) return;
        // The metadata request is not tracked with the operations: an unanswered one is forgotten after the
        // connection setup timeout, so the next retry asks another broker.
        S.Schedule(ClientMetadata.Timeout(RequestTimeout), this, _kRetry, 0, new MetadataGiveUp(req));
        _ctx.Send(Node, _ctx.BrokerNode(broker), req);
    }

    private sealed record MetadataGiveUp(MetadataRequest Request);
}
