using System.Net;
using Microsoft.Extensions.Options;

namespace PeerBot.Bot.Slack.Install;

/// <summary><c>GET /slack/install</c> sends an admin to Slack's consent screen; <c>GET /slack/oauth/callback</c> stores the workspace's bot token.</summary>
public sealed partial class SlackInstallEndpoints(
    SlackInstallState state, SlackOAuthClient oauth, SlackInstallations installations, IOptions<SlackOptions> options,
    IConfiguration configuration, TimeProvider clock, ILogger<SlackInstallEndpoints> log)
{
    /// <summary>The bot scopes PeerBot asks for; the README justifies each, the manifest lists the same.</summary>
    public static readonly IReadOnlyList<string> BotScopes = ["commands", "chat:write", "im:history", "im:write", "mpim:write", "users:read"];

    public static readonly Uri AuthorizeUrl = new("https://slack.com/oauth/v2/authorize");

    public IResult Install(HttpContext context)
    {
        if (options.Value.ClientId is not { Length: > 0 } clientId)
        {
            return Results.NotFound("Multi-workspace install is off: set Slack__ClientId and Slack__ClientSecret.");
        }

        var nonce = SlackInstallState.NewNonce();
        context.Response.Cookies.Append(SlackInstallState.CookieName, nonce, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            // Lax: the cookie must ride along on Slack's top-level redirect back to us.
            SameSite = SameSiteMode.Lax,
            Path = "/slack/oauth",
            MaxAge = SlackInstallState.Lifetime,
        });
        var query = $"client_id={Uri.EscapeDataString(clientId)}&scope={Uri.EscapeDataString(string.Join(',', BotScopes))}"
            + $"&redirect_uri={Uri.EscapeDataString(RedirectUri(context))}&state={Uri.EscapeDataString(state.Issue(nonce, clock.GetUtcNow()))}";
        return Results.Redirect(new UriBuilder(AuthorizeUrl) { Query = query }.Uri.ToString());
    }

    public async Task<IResult> CallbackAsync(HttpContext context)
    {
        var q = context.Request.Query;
        var refused = state.Check(q["state"], context.Request.Cookies[SlackInstallState.CookieName]);
        if (refused is not null)
        {
            LogBadState(refused);
            return Page(HttpStatusCode.BadRequest, "This install link is no longer valid", "It expired or was started in another browser. Please start again from the install page.");
        }

        context.Response.Cookies.Delete(SlackInstallState.CookieName, new CookieOptions { Path = "/slack/oauth" });
        if (q["error"].ToString() is { Length: > 0 } || q["code"].ToString() is not { Length: > 0 } code)
        {
            return Page(HttpStatusCode.BadRequest, "PeerBot was not installed", "The install was cancelled in Slack. Nothing was stored.");
        }

        try
        {
            var install = await oauth.ExchangeCodeAsync(code, RedirectUri(context), context.RequestAborted);
            await installations.SaveAsync(install, context.RequestAborted);
            LogInstalled(install.TeamId, install.Scope);
            return Page(HttpStatusCode.OK, $"PeerBot is installed in {install.TeamName}", "Open Slack and type /peer help, or find PeerBot under Apps.");
        }
        catch (Exception e) when (e is SlackApiException or HttpRequestException)
        {
            LogExchangeFailed(e is SlackApiException s ? s.Error : e.Message);
            return Page(HttpStatusCode.BadGateway, "Slack did not complete the install", "Slack refused the request. Please start again from the install page.");
        }
    }

    private string RedirectUri(HttpContext context)
    {
        var origin = configuration["PeerBot:PublicBaseUrl"] is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{context.Request.Scheme}://{context.Request.Host}";
        return origin + "/slack/oauth/callback";
    }

    private static IResult Page(HttpStatusCode status, string title, string text) => Results.Content(
        $"<!doctype html><meta charset=utf-8><title>PeerBot</title><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(text)}</p>",
        "text/html; charset=utf-8", null, (int)status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Slack OAuth callback: state {Reason}")]
    private partial void LogBadState(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "PeerBot installed in Slack team {TeamId} with scopes {Scope}")]
    private partial void LogInstalled(string teamId, string scope);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack oauth.v2.access failed: {Error}")]
    private partial void LogExchangeFailed(string error);
}
