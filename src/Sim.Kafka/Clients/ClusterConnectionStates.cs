using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Kafka.Config;

namespace Sim.Kafka.Clients;

/// <summary>
/// A client's connection to each broker, as Kafka's <c>ClusterConnectionStates</c> and <c>NetworkClient</c>
/// keep them: disconnected, connecting or ready. Nothing is sent on a connection that is not ready.
/// <para>
/// A connection attempt is given up after <c>socket.connection.setup.timeout.ms</c>, doubled per failed
/// attempt up to <c>socket.connection.setup.timeout.max.ms</c>; after a disconnect the broker is blacked out
/// for <c>reconnect.backoff.ms</c> counted from the last attempt, doubled per consecutive failure up to
/// <c>reconnect.backoff.max.ms</c>. Both carry Kafka's +/-20 % jitter (ExponentialBackoff), drawn from the
/// client's own stream. A connection that becomes ready resets both.
/// </para>
/// <para>
/// Simplification: Kafka's TCP connect and its ApiVersions exchange (CONNECTING, then CHECKING_API_VERSIONS)
/// are one round trip here, bounded by the connection setup timeout.
/// </para>
/// </summary>
public sealed class ClusterConnectionStates
{
    private const double Jitter = 0.2;

    private readonly ProducerConfig _config;
    private readonly RngStream _rng;
    private readonly Dictionary<int, Connection> _nodes = [];

    public ClusterConnectionStates(ProducerConfig config, RngStream rng)
    {
        _config = config;
        _rng = rng;
    }

    /// <summary>The state of one broker's connection.</summary>
    public enum State : byte
    {
        Disconnected,
        Connecting,
        Ready,
    }

    private sealed class Connection
    {
        public State State;
        public SimTime LastConnectAttempt = SimTime.Zero;
        public SimDuration ReconnectBackoff;
        public int FailedAttempts;
        public int FailedConnectAttempts;
        public bool EverAttempted;
    }

    private Connection Of(int broker)
    {
        if (!_nodes.TryGetValue(broker, out var c)) _nodes[broker] = c = new Connection();
        return c;
    }

    public State StateOf(int broker) => _nodes.TryGetValue(broker, out var c) ? c.State : State.Disconnected;

    public bool IsReady(int broker) => StateOf(broker) == State.Ready;

    public bool IsConnecting(int broker) => StateOf(broker) == State.Connecting;

    /// <summary>Disconnected and past its reconnect backoff (a broker never tried can always be connected to).</summary>
    public bool CanConnect(int broker, SimTime now)
    {
        if (!_nodes.TryGetValue(broker, out var c)) return true;
        return c.State == State.Disconnected && (!c.EverAttempted || now - c.LastConnectAttempt >= c.ReconnectBackoff);
    }

    /// <summary>When a disconnected broker's reconnect backoff ends.</summary>
    public SimTime ReconnectAt(int broker)
    {
        var c = Of(broker);
        return c.EverAttempted ? c.LastConnectAttempt + c.ReconnectBackoff : SimTime.Zero;
    }

    /// <summary>Starts connecting; returns how long the attempt may take before it is given up.</summary>
    public SimDuration Connecting(int broker, SimTime now)
    {
        var c = Of(broker);
        c.State = State.Connecting;
        c.LastConnectAttempt = now;
        c.EverAttempted = true;
        return Backoff(_config.SocketConnectionSetupTimeout, _config.SocketConnectionSetupTimeoutMax, c.FailedConnectAttempts);
    }

    /// <summary>The connection is established: both backoffs start afresh.</summary>
    public void Ready(int broker)
    {
        var c = Of(broker);
        c.State = State.Ready;
        c.FailedAttempts = 0;
        c.FailedConnectAttempts = 0;
        c.ReconnectBackoff = SimDuration.Zero;
    }

    /// <summary>
    /// The connection closed or the attempt failed. A failed attempt lengthens the next setup timeout; every
    /// disconnect lengthens the reconnect backoff, which runs from now.
    /// </summary>
    public void Disconnected(int broker, SimTime now)
    {
        var c = Of(broker);
        c.LastConnectAttempt = now;
        c.EverAttempted = true;
        c.ReconnectBackoff = Backoff(_config.ReconnectBackoff, _config.ReconnectBackoffMax, c.FailedAttempts);
        c.FailedAttempts++;
        if (c.State == State.Connecting) c.FailedConnectAttempts++;
        else c.FailedConnectAttempts = 0;
        c.State = State.Disconnected;
    }

    /// <summary>
    /// Kafka's ExponentialBackoff: <paramref name="initial"/> x 2^attempts, the exponent capped where it
    /// reaches <paramref name="max"/>, times a uniform jitter of +/-20 %, never above <paramref name="max"/>.
    /// </summary>
    private SimDuration Backoff(SimDuration initial, SimDuration max, int attempts)
    {
        double first = Math.Min(initial.Nanoseconds, max.Nanoseconds);
        if (max.Nanoseconds <= first) return new SimDuration((long)first);
        double expMax = Math.Log(max.Nanoseconds / Math.Max(first, 1)) / Math.Log(2);
        double term = first * Math.Pow(2, Math.Min(attempts, expMax));
        double factor = 1 - Jitter + 2 * Jitter * _rng.NextDouble();
        return new SimDuration(Math.Min((long)(factor * term), max.Nanoseconds));
    }

    /// <summary>
    /// <c>NetworkClient.leastLoadedNode</c>: from a random starting point, a ready broker with the fewest
    /// requests in flight (the first idle one at once); failing that a broker being connected to; failing
    /// that the disconnected broker past its backoff attempted longest ago. Never a broker disconnected within
    /// its backoff. -1 when there is none.
    /// </summary>
    public int LeastLoadedNode(IReadOnlyList<int> brokers, SimTime now, Func<int, int> inFlight)
    {
        int offset = _rng.Next(brokers.Count);
        int ready = -1, connecting = -1, canConnect = -1, fewest = int.MaxValue;
        for (int i = 0; i < brokers.Count; i++)
        {
            int b = brokers[(offset + i) % brokers.Count];
            if (IsReady(b))
            {
                int n = inFlight(b);
                if (n == 0) return b;
                if (n < fewest)
                {
                    fewest = n;
                    ready = b;
                }
            }
            else if (IsConnecting(b)) connecting = b;
            else if (CanConnect(b, now) && (canConnect < 0 || LastAttempt(canConnect) > LastAttempt(b))) canConnect = b;
        }
        return ready >= 0 ? ready : connecting >= 0 ? connecting : canConnect;
    }

    private SimTime LastAttempt(int broker) => _nodes.TryGetValue(broker, out var c) ? c.LastConnectAttempt : SimTime.Zero;
}
