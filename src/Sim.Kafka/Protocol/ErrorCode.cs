namespace Sim.Kafka.Protocol;

/// <summary>The Kafka protocol errors the model produces (names as in Kafka's Errors.java).</summary>
public enum ErrorCode : byte
{
    None,
    NotLeaderOrFollower,
    NotEnoughReplicas,
    NotEnoughReplicasAfterAppend,
    RequestTimedOut,
    FencedLeaderEpoch,
    UnknownLeaderEpoch,
    OutOfOrderSequenceNumber,
    NotController,
    InvalidUpdateVersion,
    OffsetOutOfRange,
    NetworkException,
    DeliveryTimeout,
    BufferExhausted,
    CoordinatorNotAvailable,
    NotCoordinator,
    IneligibleReplica,

    /// <summary>KAFKA_STORAGE_ERROR: the replica's log directory is offline (KIP-112); retriable, clients refresh metadata.</summary>
    KafkaStorageError,

    /// <summary>Client-side: the application closed its producer with records not yet acknowledged (a forced close).</summary>
    ProducerClosed,
    MemberIdRequired,
    UnknownMemberId,
    IllegalGeneration,
    RebalanceInProgress,

    /// <summary>UNKNOWN_TOPIC_OR_PARTITION: the partition does not exist (not created yet, or its topic deleted); retriable, clients refresh metadata.</summary>
    UnknownTopicOrPartition,

    /// <summary>FETCH_SESSION_ID_NOT_FOUND (KIP-227): the leader holds no session for an incremental fetch; the follower's next fetch is a full one.</summary>
    FetchSessionIdNotFound,
}

/// <summary>Which errors a client retries, as Kafka marks them retriable.</summary>
public static class ErrorCodes
{
    public static bool IsRetriable(this ErrorCode e) => e is ErrorCode.NotLeaderOrFollower or ErrorCode.NotEnoughReplicas
        or ErrorCode.NotEnoughReplicasAfterAppend or ErrorCode.RequestTimedOut or ErrorCode.FencedLeaderEpoch
        or ErrorCode.UnknownLeaderEpoch or ErrorCode.NetworkException or ErrorCode.OutOfOrderSequenceNumber
        or ErrorCode.CoordinatorNotAvailable or ErrorCode.NotCoordinator or ErrorCode.KafkaStorageError
        or ErrorCode.UnknownTopicOrPartition;

    /// <summary>Errors after which a client refreshes its metadata before retrying.</summary>
    public static bool NeedsMetadata(this ErrorCode e) => e is ErrorCode.NotLeaderOrFollower or ErrorCode.FencedLeaderEpoch
        or ErrorCode.UnknownLeaderEpoch or ErrorCode.NetworkException or ErrorCode.RequestTimedOut or ErrorCode.KafkaStorageError
        or ErrorCode.UnknownTopicOrPartition;

    /// <summary>The name Kafka uses, for traces: NOT_ENOUGH_REPLICAS.</summary>
    public static string KafkaName(this ErrorCode e) => e switch
    {
        ErrorCode.None => "NONE",
        ErrorCode.NotLeaderOrFollower => "NOT_LEADER_OR_FOLLOWER",
        ErrorCode.NotEnoughReplicas => "NOT_ENOUGH_REPLICAS",
        ErrorCode.NotEnoughReplicasAfterAppend => "NOT_ENOUGH_REPLICAS_AFTER_APPEND",
        ErrorCode.RequestTimedOut => "REQUEST_TIMED_OUT",
        ErrorCode.FencedLeaderEpoch => "FENCED_LEADER_EPOCH",
        ErrorCode.UnknownLeaderEpoch => "UNKNOWN_LEADER_EPOCH",
        ErrorCode.OutOfOrderSequenceNumber => "OUT_OF_ORDER_SEQUENCE_NUMBER",
        ErrorCode.NotController => "NOT_CONTROLLER",
        ErrorCode.InvalidUpdateVersion => "INVALID_UPDATE_VERSION",
        ErrorCode.OffsetOutOfRange => "OFFSET_OUT_OF_RANGE",
        ErrorCode.NetworkException => "NETWORK_EXCEPTION",
        ErrorCode.DeliveryTimeout => "DELIVERY_TIMEOUT",
        ErrorCode.BufferExhausted => "BUFFER_EXHAUSTED",
        ErrorCode.CoordinatorNotAvailable => "COORDINATOR_NOT_AVAILABLE",
        ErrorCode.NotCoordinator => "NOT_COORDINATOR",
        ErrorCode.IneligibleReplica => "INELIGIBLE_REPLICA",
        ErrorCode.MemberIdRequired => "MEMBER_ID_REQUIRED",
        ErrorCode.UnknownMemberId => "UNKNOWN_MEMBER_ID",
        ErrorCode.IllegalGeneration => "ILLEGAL_GENERATION",
        ErrorCode.RebalanceInProgress => "REBALANCE_IN_PROGRESS",
        ErrorCode.UnknownTopicOrPartition => "UNKNOWN_TOPIC_OR_PARTITION",
        ErrorCode.KafkaStorageError => "KAFKA_STORAGE_ERROR",
        ErrorCode.ProducerClosed => "PRODUCER_CLOSED",
        ErrorCode.FetchSessionIdNotFound => "FETCH_SESSION_ID_NOT_FOUND",
        _ => e.ToString(),
    };
}
