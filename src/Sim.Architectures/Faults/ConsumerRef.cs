namespace Sim.Architectures.Faults;

/// <summary>The consumer application instance a fault hits: one by name, or <c>random-consumer</c> resolved when it fires.</summary>
public abstract record ConsumerRef
{
    private protected ConsumerRef() { }

    /// <summary>The application now (null: none is running).</summary>
    public abstract Applications.Application? Resolve(FaultRuntime runtime);

    public sealed record Named(string Name) : ConsumerRef
    {
        public override Applications.Application? Resolve(FaultRuntime runtime) => runtime.Run.Apps.FirstOrDefault(a => a.Name == Name);

        public override string ToString() => Name;
    }

    /// <summary>A running consumer instance, drawn from the fault stream.</summary>
    public sealed record RandomRunning : ConsumerRef
    {
        public override Applications.Application? Resolve(FaultRuntime runtime)
        {
            var running = runtime.Run.Apps.Where(a => a.Placement.Role == Templates.AppRole.Consumer && !a.Suspended).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
            return running.Count == 0 ? null : running[runtime.Rng.Next(running.Count)];
        }

        public override string ToString() => "random-consumer";
    }
}
