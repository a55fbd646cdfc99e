using Sim.Kafka.Protocol;

namespace Sim.Kafka.Broker;

/// <summary>A part of a broker that sends requests and must hear when one goes unanswered.</summary>
public interface IRequestOwner
{
    void OnResponse(KafkaMessage request, KafkaMessage response);

    /// <summary>The request timed out or its connection closed; <paramref name="error"/> says which.</summary>
    void OnFailure(KafkaMessage request, ErrorCode error);
}
