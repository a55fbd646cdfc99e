namespace Sim.Kafka.Protocol;

/// <summary>
/// The first request a client sends on a new connection (NetworkClient's CHECKING_API_VERSIONS step): its
/// answer makes the connection ready. It stands for the TCP handshake too, so a broker that cannot be
/// reached leaves the connection connecting until the setup timeout.
/// </summary>
public sealed class ApiVersionsRequest : KafkaMessage;

/// <summary>A broker's answer to <see cref="ApiVersionsRequest"/>: the connection is ready.</summary>
public sealed class ApiVersionsResponse : KafkaMessage;
