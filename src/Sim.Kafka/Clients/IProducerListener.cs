using Sim.Kafka.Protocol;

namespace Sim.Kafka.Clients;

/// <summary>
/// The application's send callback: told once of each batch's final outcome. MirrorMaker 2's source task
/// uses it as Connect's <c>commitRecord</c>, to learn which upstream offsets are safely written downstream.
/// The batch is the producer's: an acknowledged one is reused for a later batch once the call returns, so a listener
/// reads what it needs during the call and keeps no reference to it.
/// </summary>
public interface IProducerListener
{
    /// <param name="partition">The partition's catalog index.</param>
    /// <param name="baseOffset">The offset the first record got (-1 with <c>acks=0</c>).</param>
    void Acked(KafkaProducer producer, int partition, ProducerBatch batch, long baseOffset);

    void Failed(KafkaProducer producer, int partition, ProducerBatch batch, ErrorCode error);
}
