namespace Sim.Kafka.Config;

/// <summary>
/// Deliberate breakages of the model, switched on only by tests to show that the validation suite and the
/// invariant checker catch a broken Kafka. No experiment key sets them.
/// </summary>
[Flags]
public enum ModelMutation
{
    None = 0,

    /// <summary>
    /// Leaders stop comparing a follower's last fetched epoch with their epoch cache (KIP-101/KIP-279/KIP-320):
    /// a follower is truncated only when it is past the leader's log end, and keeps a diverging tail below it.
    /// </summary>
    NoEpochTruncation = 1,

    /// <summary>Every partition behaves as if <c>min.insync.replicas</c> were 1, whatever is configured.</summary>
    NoIsrMinimum = 2,
}
