namespace Sim.Kafka.Log;

/// <summary>
/// What a broker learns from the remote log metadata manager (KIP-405, RemoteLogMetadataManager): how far each
/// partition's log has been copied to the remote tier. Local segments are deleted only once copied
/// (UnifiedLog.deletableSegments with remote storage enabled).
/// </summary>
public interface IRemoteLogMetadata
{
    /// <summary>
    /// The offset below which every record of <paramref name="partition"/> is in the remote tier (0: nothing yet); null when
    /// the partition's topic does not have remote storage enabled (<c>remote.storage.enable</c>), whose log is cleaned by
    /// <c>retention.*</c> alone.
    /// </summary>
    long? UploadedOffset(int partition);
}
