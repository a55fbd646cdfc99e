using Sim.Architectures.Runtime;
using Sim.Architectures.Templates;
using Sim.Core.Randomness;
using Sim.Core.Scheduling;
using Sim.Core.Time;
using Sim.Network.Topology;

namespace Sim.Architectures.Faults;

/// <summary>
/// Injects a fault plan into a run: stochastic faults are drawn up front from the fault stream and join
/// the scheduled ones; at its start each fault applies itself (resolving its roles then), the window is
/// recorded, and at its end the repair the fault returned undoes it. Nodes hit by overlapping faults stay
/// down until the last of them ends (<see cref="FaultRuntime"/>).
/// </summary>
public sealed class FaultInjector : IEventHandler
{
    private readonly DeploymentRun _run;
    private readonly Scheduler _s;
    private readonly FaultRuntime _runtime;
    private readonly int _kBegin, _kEnd, _kWatch = -1;
    private readonly List<FaultWindow> _windows = [];
    private readonly List<FaultWindow> _outcomes = [];
    private readonly Dictionary<int, Action> _repairs = [];
    private int _nextRepair;
    private readonly List<Fault> _faults;
    // The pending begin (by fault index) and repair (by repair id) events, with when they are due: a hybrid window that
    // closes early moves those of later windows earlier (Shift).
    private readonly Dictionary<int, (EventHandle Handle, SimTime Due)> _beginEvents = [], _repairEvents = [];

    private const string FaultStream = "faults";

    public FaultInjector(DeploymentRun run, FaultPlan plan)
    {
        _run = run;
        _s = run.Simulation.Scheduler;
        _runtime = new FaultRuntime(run, run.Simulation.Streams.Get(FaultStream));
        _kBegin = _s.Kinds.Register("fault:begin");
        _kEnd = _s.Kinds.Register("fault:end");
        var all = Planned(run.Plan, plan, run.Horizon, _runtime.Rng);
        if (run.Options.Hybrid is { } hybrid)
        {
            // Hybrid fidelity: the faults, drawn over the whole horizon, open the detail windows and move onto the detailed
            // clock, start and repair both (the repair lies in its own window; one past the horizon keeps its duration and never comes).
            // A fault that waits for a condition starts when it holds, not at its time, so it keeps its duration from there.
            var h = Hybrid = DetailWindowsOf(all, run.Horizon, run.Options.Warmup, hybrid);
            all = [.. all.Select(f => f with
            {
                At = h.Map(f.At),
                Duration = f.When is null && f.End is { } e && e < run.Horizon ? h.Map(e) - h.Map(f.At) : f.Duration,
            })];
        }
        _faults = all;
        // Registered only when a fault waits for a condition, so the kind ids of every other run stay as they were.
        if (all.Any(f => f.When is not null)) _kWatch = _s.Kinds.Register("fault:check-condition");
        for (int i = 0; i < all.Count; i++)
        {
            var f = all[i];
            var handle = _s.ScheduleAt(f.At, this, f.When is null ? _kBegin : _kWatch, i, f);
            if (f.When is null) _beginEvents[i] = (handle, f.At);
        }
    }

    /// <summary>Whether a fault of the plan waits for a condition (its start is not known in advance).</summary>
    public bool HasConditionalFaults => _kWatch >= 0;

    /// <summary>
    /// A hybrid window closed early at <paramref name="at"/>: every fault start and repair still to come moves <paramref name="cut"/>
    /// earlier on the detailed clock, as the windows they lie in did (<see cref="HybridSchedule.CloseAt"/>).
    /// </summary>
    public void Shift(SimTime at, SimDuration cut)
    {
        for (int i = 0; i < _faults.Count; i++)
        {
            var f = _faults[i];
            if (f.At > at) _faults[i] = f with { At = f.At - cut };
            else if (f.Duration is { } d && f.At + d > at) _faults[i] = f with { Duration = d - cut };
        }
        foreach (var (i, (handle, due)) in _beginEvents.OrderBy(kv => kv.Key).ToList())
        {
            if (due <= at || !_s.Cancel(handle)) continue;
            _beginEvents[i] = (_s.ScheduleAt(_faults[i].At, this, _kBegin, i, _faults[i]), _faults[i].At);
        }
        foreach (var (id, (handle, due)) in _repairEvents.OrderBy(kv => kv.Key).ToList())
        {
            if (due <= at || !_s.Cancel(handle)) continue;
            _repairEvents[id] = (_s.ScheduleAt(due - cut, this, _kEnd, id), due - cut);
        }
    }

    /// <summary>The detail windows and skipped spans of a hybrid run; null when the run is simulated in detail throughout.</summary>
    public HybridSchedule? Hybrid { get; }

    /// <summary>Every fault of the run, scheduled and drawn, in time order (on the detailed clock).</summary>
    public IReadOnlyList<Fault> Faults => _faults;

    /// <summary>The faults that fired, with what they hit.</summary>
    public IReadOnlyList<FaultWindow> Windows => _windows;

    /// <summary>
    /// What became of every fault so far: the windows of those that fired (as they stand now) and, for a
    /// conditional fault whose condition never held, a window hitting nothing that says so, by start time.
    /// </summary>
    public IReadOnlyList<FaultWindow> Outcomes => _outcomes.Count == 0 ? _windows : [.. _windows.Concat(_outcomes).OrderBy(w => w.Start)];

    /// <summary>Raised when a fault begins and when it ends.</summary>
    public event Action<FaultWindow, bool>? Changed;

    /// <summary>Whether a fault currently holds <paramref name="node"/> down.</summary>
    public bool IsDown(Node node) => _runtime.IsDown(node);

    /// <summary>
    /// The stochastic faults of a run over [0, <paramref name="end"/>): for each class and component, failures at exponential
    /// intervals (<c>mtbf</c>), each repaired after a draw of <c>mttr</c>. The run's <c>faults</c> stream draws nothing else,
    /// so the same seed gives the same faults here and in <see cref="DetailedLength"/>.
    /// </summary>
    private static List<Fault> Draw(DeploymentPlan plan, IReadOnlyList<StochasticFaults> classes, SimTime end, RngStream rng)
    {
        var drawn = new List<Fault>();
        foreach (var c in classes)
        {
            var mttr = c.Mttr.Build();
            foreach (var make in c.Class.Components(plan, c))
            {
                var t = SimTime.Zero;
                while (true)
                {
                    t += SimDuration.FromSeconds(rng.NextExponential(c.Mtbf.TotalSeconds));
                    if (t >= end) break;
                    var repair = SimDuration.Max(SimDuration.FromMilliseconds(1), mttr.SampleDuration(rng));
                    drawn.Add(make(t, repair));
                    t += repair;
                }
            }
        }
        return drawn;
    }

    /// <summary>The plan's scheduled faults and the stochastic ones drawn from <paramref name="rng"/>, by start time.</summary>
    private static List<Fault> Planned(DeploymentPlan plan, FaultPlan faults, SimTime horizon, RngStream rng) =>
        faults.Scheduled.Concat(Draw(plan, faults.Stochastic, horizon, rng)).OrderBy(f => f.At).ToList();

    /// <summary>The detail windows the faults open in hybrid fidelity, each around a fault's start and its repair.</summary>
    private static HybridSchedule DetailWindowsOf(List<Fault> faults, SimTime horizon, SimDuration warmup, HybridOptions hybrid) =>
        new(faults.Select(f => (f.At, f.End)), horizon, warmup, hybrid);

    /// <summary>
    /// How long the detailed clock of a run of <paramref name="plan"/> with <paramref name="faults"/> is, without running it: the
    /// horizon in detailed fidelity; in hybrid fidelity the detail windows its faults open (drawn from the run's <c>faults</c>
    /// stream as the run will draw them), before any window closes early. What a sweep expects a run to cost.
    /// </summary>
    public static SimDuration DetailedLength(DeploymentPlan plan, FaultPlan faults, RunOptions options)
    {
        if (options.Hybrid is not { } hybrid) return options.Duration;
        var horizon = SimTime.Zero + options.Duration;
        var all = Planned(plan, faults, horizon, new RngStreams(options.Seed).Get(FaultStream));
        return DetailWindowsOf(all, horizon, options.Warmup, hybrid).DetailEnd - SimTime.Zero;
    }

    void IEventHandler.OnEvent(Scheduler scheduler, in SimEvent ev)
    {
        if (ev.Kind == _kBegin) { _beginEvents.Remove((int)ev.Arg); Begin((Fault)ev.State!); }
        else if (ev.Kind == _kWatch) Watch((Fault)ev.State!);
        else if (ev.Kind == _kEnd && _repairs.Remove((int)ev.Arg, out var repair)) { _repairEvents.Remove((int)ev.Arg); repair(); }
    }

    /// <summary>
    /// Checks a conditional fault's condition: fires it when it holds, checks again a tick later while the
    /// time-out (or the run) allows, and otherwise records that it never fired.
    /// </summary>
    private void Watch(Fault f)
    {
        var trigger = f.When!;
        if (trigger.Condition.Holds(_runtime))
        {
            Begin(f);
            return;
        }
        var deadline = trigger.Timeout is { } t ? f.At + t : _run.End;
        if (_s.Now + FaultTrigger.CheckInterval <= deadline)
        {
            _s.Schedule(FaultTrigger.CheckInterval, this, _kWatch, 0, f);
            return;
        }
        // Recorded as a window that begins and ends at once, hitting nothing, among the outcomes only, so
        // faults.csv shows the fault and why it did not fire while probes, which measure from the faults
        // that began, never see it.
        _outcomes.Add(new FaultWindow(f, FaultHit.Nothing($"not fired: {trigger.Condition} did not hold by {_s.Now}"), _s.Now, _s.Now));
    }

    private void Begin(Fault f)
    {
        var (hit, repair) = f.Apply(_runtime);
        var window = new FaultWindow(f, hit, _s.Now, null);
        int index = _windows.Count;
        _windows.Add(window);
        Changed?.Invoke(window, true);
        if (f.Duration is not { } d || repair is null) return;
        int id = _nextRepair++;
        _repairs[id] = () =>
        {
            repair();
            _windows[index] = window with { End = _s.Now };
            Changed?.Invoke(_windows[index], false);
        };
        _repairEvents[id] = (_s.Schedule(d, this, _kEnd, id), _s.Now + d);
    }
}
