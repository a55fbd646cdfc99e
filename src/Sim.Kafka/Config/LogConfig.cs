using Sim.Core.Time;

namespace Sim.Kafka.Config;

/// <summary>
/// How a partition's log is cut into segments and how long they are kept: the topic-level keys of Kafka's
/// LogConfig (<c>segment.bytes</c>, <c>segment.ms</c>, <c>retention.ms</c>, <c>retention.bytes</c>, and for
/// tiered storage, KIP-405, <c>local.retention.ms</c>, <c>local.retention.bytes</c>)
/// with Kafka's defaults. The broker holds the defaults (<c>log.segment.bytes</c>, <c>log.roll.ms</c>,
/// <c>log.retention.ms</c>, <c>log.retention.bytes</c>); a topic overrides each of them.
/// </summary>
public sealed record LogConfig
{
    /// <summary><c>segment.bytes</c>: the active segment rolls before it would grow past this (1 GiB).</summary>
    public long SegmentBytes { get; init; } = 1L << 30;

    /// <summary><c>segment.ms</c>: the active segment rolls at the first append this long after its first batch (7 days).</summary>
    public SimDuration SegmentMs { get; init; } = SimDuration.FromHours(7 * 24);

    /// <summary><c>retention.ms</c>: closed segments whose newest record is older than this are deleted (7 days); <see cref="SimDuration.MaxValue"/> for -1, keep forever.</summary>
    public SimDuration RetentionMs { get; init; } = SimDuration.FromHours(7 * 24);

    /// <summary><c>retention.bytes</c>: the oldest segments are deleted while the log is larger than this (-1: no limit).</summary>
    public long RetentionBytes { get; init; } = -1;

    /// <summary><c>local.retention.ms</c> (KIP-405): with remote storage, how long uploaded segments stay on local disk; null (-2) takes <see cref="RetentionMs"/>.</summary>
    public SimDuration? LocalRetentionMs { get; init; }

    /// <summary><c>local.retention.bytes</c> (KIP-405): with remote storage, the local log's size bound; -2 takes <see cref="RetentionBytes"/>.</summary>
    public long LocalRetentionBytes { get; init; } = -2;

    /// <summary>The time bound the local log is cleaned to (UnifiedLog.localRetentionMs): the local one when the log is tiered.</summary>
    public SimDuration LocalRetention(bool tiered) => tiered && LocalRetentionMs is { } d ? d : RetentionMs;

    /// <summary>The size bound the local log is cleaned to (UnifiedLog.localRetentionSize): the local one when the log is tiered.</summary>
    public long LocalRetentionSize(bool tiered) => tiered && LocalRetentionBytes != -2 ? LocalRetentionBytes : RetentionBytes;

    /// <summary>The broker's defaults with the topic's overrides applied.</summary>
    public LogConfig WithOverrides(TopicConfig topic) => this with
    {
        SegmentBytes = topic.SegmentBytes ?? SegmentBytes,
        SegmentMs = topic.SegmentMs ?? SegmentMs,
        RetentionMs = topic.Retention ?? RetentionMs,
        RetentionBytes = topic.RetentionBytes ?? RetentionBytes,
        LocalRetentionMs = topic.LocalRetentionMs ?? LocalRetentionMs,
        LocalRetentionBytes = topic.LocalRetentionBytes ?? LocalRetentionBytes,
    };
}
