using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace PeerBot.Bot.Scheduling;

/// <summary>HTTP Basic for the operator's dashboard, checked against <c>PeerBot:DashboardUser/DashboardPassword</c>.</summary>
public sealed partial class DashboardBasicAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<SchedulingOptions> settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "DashboardBasic";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // The only scheme, so ASP.NET Core runs it for every request: stay out of everything but the dashboard.
        if (!Request.Path.StartsWithSegments("/hangfire"))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (settings.Value.DashboardPassword is not { Length: > 0 } password)
        {
            LogDashboardOff(Logger);
            return Task.FromResult(AuthenticateResult.Fail("The dashboard has no password configured (PeerBot__DashboardPassword)."));
        }

        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("Malformed credentials"));
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        var ok = colon > 0
                 & FixedTimeEquals(decoded[..Math.Max(colon, 0)], settings.Value.DashboardUser)
                 & FixedTimeEquals(decoded[(colon + 1)..], password);
        if (!ok)
        {
            LogRejected(Logger, Context.Connection.RemoteIpAddress?.ToString() ?? "?");
            return Task.FromResult(AuthenticateResult.Fail("Wrong user name or password"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, settings.Value.DashboardUser)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"PeerBot jobs\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hangfire dashboard requested but PeerBot__DashboardPassword is not set: refused")]
    private static partial void LogDashboardOff(ILogger log);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hangfire dashboard: wrong credentials from {RemoteAddress}")]
    private static partial void LogRejected(ILogger log, string remoteAddress);
}
