using Sim.Core.Time;
using Sim.Kafka.Observation;
using Sim.Results;

namespace Sim.Architectures.Metrics;

/// <summary>
/// The probes that measure a run, in the order they are registered (their observers, event kinds and
/// scheduled events keep it), followed by any the caller adds (a trace). <see cref="Result"/> asks each
/// for its part and checks that every catalogued metric was measured exactly once.
/// </summary>
public sealed class RunProbes
{
    private readonly RunContext _context;
    private readonly List<IRunProbe> _all;

    internal RunProbes(RunContext context, IEnumerable<Func<RunContext, IRunProbe>> more)
    {
        _context = context;
        Partitions = new PartitionProbe(context);
        Loss = new LossProbe(context);
        Recovery = new RecoveryProbe(context, Partitions);
        var mirrorLag = new MirrorLagProbe(context);
        var utilisation = new UtilisationProbe(context);
        var transfer = new TransferProbe(context);
        var storage = new StorageProbe(context);
        var monitoring = new MonitoringProbe(context, Partitions);
        // The time series registers the first event kind (metrics:sample) and the transfer probe the second
        // (metrics:warmup), in that order, as the run's fingerprint has them.
        _all =
        [
            new LatencyProbe(context), new AvailabilityProbe(context), Partitions, Loss, Recovery, new DeliveryProbe(context),
            new TimeseriesProbe(context, Partitions, mirrorLag, utilisation, storage, monitoring), transfer, mirrorLag, new RemoteTierProbe(context),
            utilisation, storage, new DisasterRecoveryProbe(context), new BillProbe(context, transfer), new GroupProbe(context),
            new MirrorIntakeProbe(context), new RetentionProbe(context), new ClusterCountProbe(context), new ConflictProbe(context), monitoring, new BootstrapProbe(context), new HorizonProbe(context, Loss, transfer), new ReplicaEndProbe(context),
            new ConsumerEndProbe(context),
            .. more.Select(create => create(context)),
        ];
    }

    public PartitionProbe Partitions { get; }
    public LossProbe Loss { get; }
    public RecoveryProbe Recovery { get; }
    public IReadOnlyList<IRunProbe> All => _all;

    internal IEnumerable<IKafkaObserver> ObserversOf(string cluster) => _all.SelectMany(p => p.ObserversOf(cluster));

    internal void ClustersBuilt()
    {
        foreach (var p in _all) p.ClustersBuilt();
    }

    internal void Start()
    {
        foreach (var p in _all) p.Start();
    }

    /// <summary>What the run measured so far (at its end, its result).</summary>
    public RunResult Result()
    {
        var sim = _context.Simulation;
        var faults = _context.FaultOutcomes;
        var result = new RunResult
        {
            Architecture = _context.Plan.Architecture,
            Seed = _context.Options.Seed,
            Faults = faults,
            FaultsOnHorizon = _context.Hybrid is { } h
                ? [.. faults.Select(w => (h.ToHorizon(w.Start), w.End is { } e ? h.ToHorizon(e) : (SimTime?)null))]
                : null,
            Events = sim.Scheduler.EventsExecuted,
            Fingerprint = sim.Scheduler.Fingerprint.ToString(),
            Measured = _context.Now - _context.WarmupEnd,
        };
        foreach (var p in _all) result = p.Contribute(result);
        var missing = MetricCatalog.All.Where(m => !result.Metrics.ContainsKey(m.Name)).Select(m => m.Name).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"no probe measured {string.Join(", ", missing)}");
        return result;
    }
}
