namespace PeerBot.Bot.Hosting;

/// <summary>Settings under <c>PeerBot:Proxy</c>: which reverse proxies (TLS terminators) may tell PeerBot the client's scheme, host and address.</summary>
public sealed class ProxyOptions
{
    public const string Section = "PeerBot:Proxy";

    /// <summary>Proxy addresses, separated by commas (e.g. <c>10.0.0.5,10.0.0.6</c>). Empty with no networks: loopback only.</summary>
    public string? KnownProxies { get; set; }

    /// <summary>Proxy networks in CIDR form, separated by commas (e.g. <c>10.0.0.0/8,fd00::/8</c>).</summary>
    public string? KnownNetworks { get; set; }

    /// <summary>How many proxies in a chain to believe, counted from PeerBot's side.</summary>
    public int ForwardLimit { get; set; } = 1;

    public static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
