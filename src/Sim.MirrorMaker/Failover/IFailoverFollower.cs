using Sim.Kafka;
using Sim.Kafka.Clients;

namespace Sim.MirrorMaker.Failover;

/// <summary>
/// An application that follows a <see cref="FailoverController"/>: it owns its clients and moves them when
/// told. The controller only detects and declares; on a switch it says where to go and, for consumers,
/// where to resume there (<see cref="ResumePoint"/>).
/// </summary>
public interface IFailoverFollower
{
    string Name { get; }

    /// <summary>The topic the application writes or reads on the primary (the probe watches its partitions).</summary>
    string Topic { get; }

    /// <summary>The consumer group of a consuming application (null for producers).</summary>
    string? GroupId { get; }

    /// <summary>The cluster the application uses now (after a switch even while its host is down).</summary>
    KafkaCluster Cluster { get; }

    /// <summary>The application's producer now (null for consumers); the controller counts its acknowledgements.</summary>
    KafkaProducer? Producer { get; }

    /// <summary>
    /// Stops the application's clients and starts new ones on <paramref name="cluster"/>, a consumer reading
    /// and resuming as <paramref name="resumeFrom"/> says. While the host is down it only remembers where to
    /// resume, and starts there from its group's committed offsets when the host returns.
    /// </summary>
    void MoveTo(KafkaCluster cluster, ResumePoint resumeFrom);

    /// <summary>
    /// A planned switchover drains the application's producer: it is closed as <c>KafkaProducer.close()</c>
    /// closes (requests on the wire are still answered) and the application writes nothing until it moves.
    /// A consumer keeps reading. Returns the closed producer (null for consumers).
    /// </summary>
    KafkaProducer? StopProducing();

    /// <summary>Whether the application's consumer runs with partitions assigned and a position known for each (false for producers).</summary>
    bool ConsumerPositioned { get; }
}
