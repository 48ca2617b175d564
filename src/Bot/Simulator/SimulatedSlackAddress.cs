using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace PeerBot.Bot.Simulator;

/// <summary>
/// Where the simulated Slack lives. Options are fixed before Kestrel has bound its port, so the bot is configured
/// with a placeholder host (".invalid" never resolves) and <see cref="SimulatedSlackRouting"/> sends those
/// requests to this process's real listening address, known from the first call on.
/// </summary>
public sealed class SimulatedSlackAddress(IServer server)
{
    public static readonly Uri Placeholder = new("http://simulated-slack.invalid/");

    /// <summary>What <c>Slack:ApiBaseUrl</c> becomes when the simulator is on and nothing else is set.</summary>
    public static readonly Uri ApiBase = new(Placeholder, "simulator/slack/api/");

    private Uri? _local;

    /// <summary>This process's own address, reachable from itself (a wildcard bind becomes the loopback address).</summary>
    public Uri Local => _local ??= Resolve() ?? throw new InvalidOperationException("The simulator needs the server's address, and the server is not listening yet.");

    /// <summary>Where people open the page: the first address, with a wildcard host shown as localhost.</summary>
    public string? PageUrl => Addresses().FirstOrDefault() is { } a ? Rehost(a, "localhost").ToString() : null;

    public static bool IsPlaceholder(Uri url) => url.IsAbsoluteUri && url.Scheme == Placeholder.Scheme && url.Authority == Placeholder.Authority;

    /// <summary>A placeholder URL (Web API, response_url, upload) turned into one this process answers.</summary>
    public Uri ToLocal(Uri url) => new(Local, url.PathAndQuery);

    /// <summary>A path on the simulated Slack as the bot sees it (e.g. a response_url).</summary>
    public static Uri Public(string path) => new(Placeholder, path);

    private IEnumerable<string> Addresses()
    {
        var all = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return all.OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? 1 : 0);
    }

    private Uri? Resolve() => Addresses().FirstOrDefault() is { } a ? Rehost(a, "127.0.0.1") : null;

    private static Uri Rehost(string address, string loopback)
    {
        // Kestrel reports wildcard binds as written ("http://+:80", "http://0.0.0.0:8080", "http://[::]:5000").
        var normalized = address.Replace("://+:", "://wildcard:", StringComparison.Ordinal).Replace("://*:", "://wildcard:", StringComparison.Ordinal);
        var uri = new Uri(normalized);
        var host = uri.Host switch
        {
            "wildcard" or "0.0.0.0" or "localhost" => loopback,
            "[::]" or "::" => loopback == "localhost" ? "localhost" : "[::1]",
            _ => uri.Host,
        };
        return new UriBuilder(uri.Scheme, host, uri.Port, "/").Uri;
    }
}
