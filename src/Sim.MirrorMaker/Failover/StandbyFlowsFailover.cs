using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Kafka;
using Sim.Kafka.Clients;
using Sim.MirrorMaker.Connect;
using Sim.Network.Topology;

namespace Sim.MirrorMaker.Failover;

/// <summary>
/// A failover whose followers are MirrorMaker 2 connectors rather than applications: flows set up ahead of time
/// from a standby, created paused, that an operator's runbook resumes when the primary they stand in for is lost
/// (Kafka Connect's pause and resume, <c>PUT /connectors/{name}/resume</c>), and pauses again on failback. A hub
/// standby in hub-and-spoke is the case: every spoke feeds both hubs, and the standby's fan-out to the spokes
/// runs only while the hub is declared lost.
/// <para>
/// Detection is the applications' failover's (<see cref="FailoverConfig"/>: a health probe's consecutive failures,
/// or an operator some time after the outage); the resume follows the declaration after the redirect delay (a DNS
/// TTL's expiry or the reconfiguration time). A resumed source task has no offsets flushed for its flow, so it
/// begins by its consumer's <c>auto.offset.reset</c>: with MirrorMaker 2's default, earliest, the spokes receive again
/// what the hub had already delivered (counted as duplicates), since nothing translates the hub's positions into
/// the standby's, which are offsets of another log.
/// </para>
/// </summary>
public sealed class StandbyFlowsFailover : IEventHandler
{
    private readonly Scheduler _s;
    private readonly RngStream _rng;
    private readonly IReadOnlyList<MirrorFlow> _flows;
    private readonly MirrorMakerDeployment _mm;
    private readonly ClientIdBlock _clientIds;
    private readonly int _kResume, _kPause, _kDeclare;
    private ProbeStreak _streak;

    public StandbyFlowsFailover(string name, Scheduler scheduler, RngStreams streams, KafkaCluster primary, MirrorMakerDeployment mirrorMaker,
        IReadOnlyList<MirrorFlow> flows, FailoverConfig config, Node probeNode, ClientIdBlock clientIds)
    {
        Name = name;
        _s = scheduler;
        _rng = streams.Get($"failover:{name}");
        Primary = primary;
        _mm = mirrorMaker;
        _flows = flows;
        Config = config;
        ProbeNode = probeNode;
        _clientIds = clientIds;
        _kResume = scheduler.Kinds.Register("failover:resume-connectors");
        _kPause = scheduler.Kinds.Register("failover:pause-connectors");
        _kDeclare = scheduler.Kinds.Register("failover:declare-connectors");
    }

    public string Name { get; }
    public KafkaCluster Primary { get; }
    public FailoverConfig Config { get; }
    public Node ProbeNode { get; }

    /// <summary>The standby's flows this failover resumes and pauses.</summary>
    public IReadOnlyList<MirrorFlow> Flows => _flows;

    /// <summary>When the primary was declared lost (null: never).</summary>
    public SimTime? DeclaredAt { get; private set; }

    /// <summary>When the standby's connectors were resumed (null: never).</summary>
    public SimTime? ResumedAt { get; private set; }

    /// <summary>When the primary was seen healthy again after the declaration.</summary>
    public SimTime? RecoveredAt { get; private set; }

    /// <summary>When, on failback, the standby's connectors were paused again.</summary>
    public SimTime? PausedAgainAt { get; private set; }

    /// <summary>
    /// Starts watching the primary (probe detection only): the partitions of the remote topics the mirrors feeding it
    /// write there, which must all have a leader for a probe to pass.
    /// </summary>
    public void Start()
    {
        if (Config.Detection != DetectionKind.Probe) return;
        var remote = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in _mm.Flows.Where(f => f.Target == Primary))
        {
            foreach (var topic in f.Source.Context.Partitions.Select(p => p.Topic.Name).Distinct())
                if (MirrorPlan.ShouldReplicate(f.Policy, f.TopicFilter, topic, f.Config.Target)) remote.Add(f.RemoteTopic(topic));
        }
        var watched = Primary.Context.Partitions.Where(p => remote.Contains(p.Topic.Name)).Select(p => p.Index).ToList();
        int probeId = _clientIds.Next($"failover probe of cluster {Primary.Name} for {Name} (from {ProbeNode.Name})");
        _ = new HealthProbe(Primary.Context, probeId, ProbeNode, Config, watched, Probed);
    }

    /// <summary>The fault plan tells an operator the primary's site is down (operator detection).</summary>
    public void OutageBegan()
    {
        if (Config.Detection == DetectionKind.Operator && DeclaredAt is null) _s.Schedule(Config.OperatorDelay, this, _kDeclare);
    }

    /// <summary>The fault plan tells the operator the primary is back.</summary>
    public void OutageEnded()
    {
        if (Config.Detection == DetectionKind.Operator && DeclaredAt is not null && RecoveredAt is null) Recovered();
    }

    private void Probed(bool healthy)
    {
        bool declared = DeclaredAt is not null;
        if (!_streak.Completes(healthy, declared, Config.ProbeFailures)) return;
        if (!declared) Declare();
        else if (RecoveredAt is null) Recovered();
    }

    private void Declare()
    {
        DeclaredAt = _s.Now;
        _s.Schedule(ProbeStreak.RedirectDelay(Config, _rng), this, _kResume);
    }

    private void Recovered()
    {
        RecoveredAt = _s.Now;
        if (Config.Failback) _s.Schedule(Config.FailbackDelay, this, _kPause);
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (ev.Kind == _kDeclare) { if (DeclaredAt is null) Declare(); }
        else if (ev.Kind == _kResume)
        {
            ResumedAt = scheduler.Now;
            foreach (var f in _flows) _mm.ConnectOf(f).Resume(f);
        }
        else if (ev.Kind == _kPause)
        {
            PausedAgainAt = scheduler.Now;
            foreach (var f in _flows) _mm.ConnectOf(f).Pause(f);
        }
    }
}
