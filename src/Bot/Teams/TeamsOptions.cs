using System.Net;

namespace PeerBot.Bot.Teams;

/// <summary>Settings under <c>Teams</c>: the Bot Framework registration of PeerBot.</summary>
public sealed class TeamsOptions
{
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The bot's Microsoft app id. Without it <c>/api/messages</c> does not exist: off, never open.</summary>
    public string? AppId { get; set; }

    public string? AppPassword { get; set; }

    /// <summary>Single-tenant bots get their outbound tokens from their own tenant; multi-tenant from botframework.com.</summary>
    public string? TenantId { get; set; }

    public string OpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>How soon the signing keys are fetched again after the key source failed (requests get 503 meanwhile), or on an unknown key id.</summary>
    public TimeSpan KeysRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Empty: <c>https://login.microsoftonline.com/{TenantId or botframework.com}/oauth2/v2.0/token</c>.</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>How long a message may work before PeerBot shows "typing…" (Teams wants a sign of life within 2 s).</summary>
    public TimeSpan TypingAfter { get; set; } = TimeSpan.FromMilliseconds(1500);

    public bool Enabled => !string.IsNullOrEmpty(AppId);

    public Uri TokenEndpointUrl => new(string.IsNullOrEmpty(TokenEndpoint)
        ? $"https://login.microsoftonline.com/{(string.IsNullOrEmpty(TenantId) ? "botframework.com" : TenantId)}/oauth2/v2.0/token"
        : TokenEndpoint);

    /// <summary>https everywhere; plain http only to this machine (tests, a local emulator).</summary>
    public static bool IsAcceptableUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u)
        && (u.Scheme == Uri.UriSchemeHttps || (u.Scheme == Uri.UriSchemeHttp && IsLoopback(u)));

    public static bool IsLoopback(Uri u) => u.IsLoopback || (IPAddress.TryParse(u.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
