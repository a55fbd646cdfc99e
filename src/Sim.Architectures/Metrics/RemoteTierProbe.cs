using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>Bytes uploaded to the remote tiers and replicated between their object stores.</summary>
public sealed class RemoteTierProbe(RunContext context) : IRunProbe
{
    public RunResult Contribute(RunResult result)
    {
        long uploaded = context.RemoteTiers.Sum(t => t.BytesUploaded), replicated = context.RemoteTiers.Sum(t => t.BytesReplicated);
        return result.With((MetricCatalog.RemoteTierUploadedGb, uploaded / 1e9), (MetricCatalog.RemoteTierReplicatedGb, replicated / 1e9)) with
        {
            RemoteTierBytesUploaded = uploaded,
            RemoteTierBytesReplicated = replicated,
        };
    }
}
