using Sim.Architectures.Faults;
using Sim.Architectures.Runtime;
using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Experiments.Spec;

namespace Sim.Experiments.Checking;

/// <summary>How <c>sim check</c> searches.</summary>
public sealed record CheckOptions(int Runs)
{
    /// <summary>The master seed of the search (null: the experiment's).</summary>
    public ulong? Seed { get; init; }

    /// <summary>The most faults one schedule draws.</summary>
    public int MaxFaults { get; init; } = 4;

    /// <summary>The sweep point whose configuration is checked.</summary>
    public int Point { get; init; }

    /// <summary>Whether crashes may lose the page cache (hard power loss) and zones may go dark.</summary>
    public bool PowerLoss { get; init; }

    public int Jobs { get; init; } = 1;

    /// <summary>How many failing runs are shrunk (the first ones, in run order).</summary>
    public int Shrink { get; init; } = 3;

    /// <summary>The most runs one shrink may spend.</summary>
    public int ShrinkBudget { get; init; } = 80;
}

/// <summary>What one checked run did: whether it failed, how, and why.</summary>
public sealed record CheckVerdict(bool Failed, string Kind, long LostRecords, string Summary, IReadOnlyList<string> Explanation)
{
    public static readonly CheckVerdict Passed = new(false, "", 0, "no acknowledged record lost, no invariant broken", []);
}

/// <summary>One checked run: its number, seed, drawn schedule and verdict.</summary>
public sealed record CheckRun(int Run, ulong Seed, IReadOnlyList<Fault> Schedule, CheckVerdict Verdict);

/// <summary>A failing run shrunk to a smaller schedule that still fails the same way.</summary>
public sealed record ShrunkFailure(CheckRun Original, IReadOnlyList<Fault> Schedule, CheckVerdict Verdict, int RunsSpent);

public sealed record CheckReport(int Runs, IReadOnlyList<CheckRun> Failures, IReadOnlyList<ShrunkFailure> Shrunk, ulong MasterSeed);

/// <summary>
/// <c>sim check</c>: plays an experiment's configuration under many random fault schedules (see
/// <see cref="ScheduleDrawer"/>) with every invariant checked, and reports each run that lost acknowledged
/// records or broke an invariant, with its seed and schedule; then shrinks failing schedules to a smaller
/// one that still fails the same way. Run <c>i</c> plays as an experiment whose <c>seed</c> is
/// <c>derive(master, "check/i")</c>: its schedule comes from that seed's <c>faults</c> stream, and the model
/// runs with that experiment's replication 0 seed, so the printed seed and fault plan, pasted into the
/// experiment, replay the run exactly with <c>sim run</c>.
/// </summary>
public static class Checker
{
    public static ulong SeedOf(ulong master, int run) => StableHash.Derive(master, $"check/{run}");

    public static CheckReport Run(ExperimentDefinition experiment, CheckOptions options, Action<int>? finished = null, CancellationToken cancel = default)
    {
        if (options.Point < 0 || options.Point >= experiment.Points.Count)
            throw new ArgumentOutOfRangeException(nameof(options), $"--point must be between 0 and {experiment.Points.Count - 1}");
        ulong master = options.Seed ?? experiment.Seed;
        var point = experiment.Points[options.Point];
        var drawer = new ScheduleDrawer(point.Plan, experiment.Duration, experiment.Warmup, options.MaxFaults, options.PowerLoss);
        var results = new CheckRun[options.Runs];
        int done = 0;
        Parallel.For(0, options.Runs, new ParallelOptions { MaxDegreeOfParallelism = options.Jobs, CancellationToken = cancel }, i =>
        {
            ulong seed = SeedOf(master, i);
            var schedule = drawer.Draw(new RngStreams(seed).Get("faults"));
            results[i] = new CheckRun(i, seed, schedule, Judge(experiment, options.Point, seed, schedule));
            finished?.Invoke(Interlocked.Increment(ref done));
        });
        var failures = results.Where(r => r.Verdict.Failed).ToList();
        var shrunk = failures.Take(options.Shrink).AsParallel().AsOrdered().WithDegreeOfParallelism(Math.Max(1, options.Jobs))
            .Select(f => Shrink(experiment, options.Point, f, options.ShrinkBudget)).ToList();
        return new CheckReport(options.Runs, failures, shrunk, master);
    }

    /// <summary>
    /// Plays sweep point <paramref name="point"/> under <paramref name="schedule"/> as <c>sim run</c> plays its first
    /// replication when the experiment's seed is <paramref name="seed"/>, with every invariant checked, and judges it.
    /// </summary>
    public static CheckVerdict Judge(ExperimentDefinition experiment, int point, ulong seed, IReadOnlyList<Fault> schedule)
    {
        var spec = (experiment with { Seed = seed }).Run(point * experiment.Replications);
        try
        {
            var run = new DeploymentRun(spec.Point.Plan, new FaultPlan(schedule), spec.Options with { CheckInvariants = true });
            var result = run.Run();
            if (result.AckedRecordsLost == 0) return CheckVerdict.Passed;
            var first = run.Probes.Loss.LostRanges().FirstOrDefault(l => l.LostEverywhere > 0);
            string where = first is null ? "" : $"; first: offsets {first.Range.BaseOffset}-{first.Range.BaseOffset + first.Range.Count - 1} of {first.Partition} on {first.Cluster}";
            return new CheckVerdict(true, "lost", result.AckedRecordsLost, $"{result.AckedRecordsLost} acknowledged records lost{where}", first?.Range.Steps ?? []);
        }
        catch (InvariantViolationException e)
        {
            return new CheckVerdict(true, "invariant:" + e.Invariant, 0, e.Message, e.Chain);
        }
        catch (EventCapExceededException e)
        {
            throw Running.RunExecutor.CapReached(e, spec);
        }
    }

    /// <summary>
    /// Greedy shrinking: drop each fault in turn while the run still fails the same way, then halve each
    /// remaining fault's length while it still does. Deterministic: the seed stays, only the schedule shrinks.
    /// </summary>
    public static ShrunkFailure Shrink(ExperimentDefinition experiment, int point, CheckRun failing, int budget)
    {
        var current = failing.Schedule.ToList();
        var verdict = failing.Verdict;
        int spent = 0;
        bool StillFails(List<Fault> candidate, out CheckVerdict v)
        {
            spent++;
            v = Judge(experiment, point, failing.Seed, candidate);
            return v.Failed && v.Kind == failing.Verdict.Kind;
        }
        bool removed = true;
        while (removed && current.Count > 1 && spent < budget)
        {
            removed = false;
            for (int i = 0; i < current.Count && spent < budget; i++)
            {
                var candidate = current.Where((_, j) => j != i).ToList();
                if (!StillFails(candidate, out var v)) continue;
                current = candidate;
                verdict = v;
                removed = true;
                break;
            }
        }
        for (int i = 0; i < current.Count && spent < budget; i++)
        {
            for (int halving = 0; halving < 4 && spent < budget; halving++)
            {
                var d = current[i].Duration!.Value;
                var half = Sim.Core.Time.SimDuration.FromMilliseconds(Math.Round(d.TotalSeconds * 500));
                if (half.TotalSeconds < 0.5) break;
                var candidate = current.ToList();
                candidate[i] = current[i] with { Duration = half };
                if (!StillFails(candidate, out var v)) break;
                current = candidate;
                verdict = v;
            }
        }
        return new ShrunkFailure(failing, current, verdict, spent);
    }
}
