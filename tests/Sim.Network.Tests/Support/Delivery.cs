using Sim.Core.Time;

namespace Sim.Network.Tests.Support;

/// <summary>One callback an endpoint received: when, and for which message.</summary>
internal readonly record struct Delivery(SimTime At, TestMessage Message)
{
    /// <summary>How long after the send the callback came.</summary>
    public SimDuration Delay => At - Message.SentAt;
}
