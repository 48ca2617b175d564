using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace PeerBot.Bot.Teams;

/// <summary>
/// Checks that an activity really comes from the Bot Framework for this bot: a bearer JWT signed with a
/// key from the OpenID metadata, issued by the Bot Framework, for our app id, in date (5 min skew),
/// naming the activity's serviceUrl, and signed by a key endorsed for the activity's channel.
/// </summary>
public sealed partial class BotFrameworkAuthenticator(
    IOptions<TeamsOptions> options, IConfigurationManager<BotFrameworkKeys> keys, ILogger<BotFrameworkAuthenticator> log)
{
    public const string Issuer = "https://api.botframework.com";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly JsonWebTokenHandler _handler = new();
    private int _keysDown;

    /// <summary>
    /// The token alone, before any of the body is read: signature, issuer, audience, lifetime. When the Bot Framework's
    /// key source cannot be reached (and no keys are cached), the answer is 503 — and one log line per outage.
    /// </summary>
    public async Task<(InboundCheck Check, JsonWebToken? Token)> ValidateTokenAsync(string? authorization, CancellationToken ct)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (MissingToken(), null);
        }

        var token = authorization["Bearer ".Length..].Trim();
        TokenValidationResult result;
        try
        {
            result = await ValidateAsync(token, await keys.GetConfigurationAsync(ct));
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                // The Bot Framework rolled its keys since we last looked: fetch them again, once.
                keys.RequestRefresh();
                result = await ValidateAsync(token, await keys.GetConfigurationAsync(ct));
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is InvalidOperationException or HttpRequestException or IOException or OperationCanceledException)
        {
            if (Interlocked.Exchange(ref _keysDown, 1) == 0)
            {
                LogKeysUnavailable(e.GetType().Name);
            }

            return (InboundCheck.Unavailable, null);
        }

        if (Interlocked.Exchange(ref _keysDown, 0) == 1)
        {
            LogKeysBack();
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return (Refuse(InboundCheck.Unauthorized, result.Exception?.GetType().Name ?? "invalid token"), null);
        }

        return (InboundCheck.Valid, jwt);
    }

    /// <summary>What a valid token says about the activity it came with: its serviceUrl, and a key endorsed for its channel.</summary>
    public async Task<InboundCheck> CheckActivityAsync(JsonWebToken jwt, TeamsActivity activity, CancellationToken ct)
    {
        if (!jwt.TryGetPayloadValue<string>("serviceurl", out var serviceUrl)
            || !string.Equals(serviceUrl.TrimEnd('/'), activity.ServiceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(InboundCheck.Unauthorized, "serviceurl claim does not match the activity");
        }

        var current = await keys.GetConfigurationAsync(ct);
        if (!current.Endorses(jwt.Kid ?? "", activity.ChannelId))
        {
            return Refuse(InboundCheck.Forbidden, "signing key is not endorsed for the channel");
        }

        return InboundCheck.Valid;
    }

    public InboundCheck MissingToken() => Refuse(InboundCheck.Unauthorized, "no bearer token");

    private Task<TokenValidationResult> ValidateAsync(string token, BotFrameworkKeys current) =>
        _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = options.Value.AppId,
            IssuerSigningKeys = current.Keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512],
            ClockSkew = ClockSkew,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
        });

    private InboundCheck Refuse(InboundCheck check, string reason)
    {
        LogRefused((int)check, reason);
        return check;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The Bot Framework's signing keys cannot be fetched ({Error}): Teams requests are answered 503 until they can")]
    private partial void LogKeysUnavailable(string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "The Bot Framework's signing keys are reachable again")]
    private partial void LogKeysBack();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Bot Framework request with {Status}: {Reason}")]
    private partial void LogRefused(int status, string reason);
}

/// <summary>The verdict on an inbound request, as the HTTP status it earns.</summary>
public enum InboundCheck
{
    Valid = 200,
    Unauthorized = 401,
    Forbidden = 403,
    TooLarge = 413,
    Unavailable = 503,
}
