using Sim.Kafka.Log;

namespace Sim.Kafka.Clients;

/// <summary>Takes the records a consumer fetched, batch by batch, in offset order per partition.</summary>
public interface IConsumerSink
{
    /// <param name="partition">The partition's catalog index.</param>
    void Records(KafkaConsumer consumer, int partition, in RecordBatch batch);
}
