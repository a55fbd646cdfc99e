namespace Sim.Results;

/// <summary>
/// A swept key as a person reads it in a table header or an axis title: the key path without the section
/// that holds it (<c>network.links.a/b.rtt</c> reads <c>a/b rtt</c>, <c>workload.producers.0.config.acks</c>
/// reads <c>producer acks</c>, <c>topics.orders.min.insync.replicas</c> reads <c>orders min.insync.replicas</c>).
/// The full key stays in the CSV columns, where a script needs it.
/// </summary>
public static class ParameterLabel
{
    public static string Of(string key)
    {
        var parts = key.Split('.');
        if (parts.Length >= 4 && parts[0] == "network" && parts[1] == "links") return $"{parts[2]} {string.Join('.', parts[3..])}";
        if (parts.Length >= 3 && parts[0] == "topics") return $"{parts[1]} {string.Join('.', parts[2..])}";
        if (parts.Length >= 3 && parts[0] == "architectures") return $"{parts[1]} {string.Join('.', parts[2..])}";
        if (parts.Length >= 5 && parts[0] == "workload" && int.TryParse(parts[2], out int n) && parts[3] == "config")
        {
            string role = parts[1].TrimEnd('s');
            return $"{role}{(n == 0 ? "" : $" {n}")} {string.Join('.', parts[4..])}";
        }
        if (parts.Length >= 4 && parts[0] == "workload" && int.TryParse(parts[2], out int m))
            return $"{parts[1].TrimEnd('s')}{(m == 0 ? "" : $" {m}")} {string.Join('.', parts[3..])}";
        return key;
    }
}
