using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PeerBot.Bot.Teams;

/// <summary>
/// The bot's own access token for the Bot Connector (OAuth client credentials, scope
/// <c>https://api.botframework.com/.default</c>), cached until five minutes before it expires.
/// </summary>
public sealed partial class BotFrameworkTokens(HttpClient http, IOptions<TeamsOptions> options, TimeProvider clock, ILogger<BotFrameworkTokens> log)
{
    public const string Scope = "https://api.botframework.com/.default";
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _cached;

    public async ValueTask<string> GetAsync(CancellationToken ct)
    {
        if (_cached is { } c && clock.GetUtcNow() < c.RenewAt)
        {
            return c.Token;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_cached is { } again && clock.GetUtcNow() < again.RenewAt)
            {
                return again.Token;
            }

            var o = options.Value;
            using var response = await http.PostAsync(o.TokenEndpointUrl, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = o.AppId ?? "",
                ["client_secret"] = o.AppPassword ?? "",
                ["scope"] = Scope,
            }), ct);
            if (!response.IsSuccessStatusCode)
            {
                LogTokenRefused((int)response.StatusCode);
                throw new HttpRequestException($"The Bot Framework token endpoint answered {(int)response.StatusCode}", null, response.StatusCode);
            }

            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            var token = body.GetProperty("access_token").GetString() ?? throw new HttpRequestException("The token response has no access_token");
            var lifetime = TimeSpan.FromSeconds(body.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var s) ? s : 3600);
            _cached = (token, clock.GetUtcNow() + (lifetime > RenewBefore * 2 ? lifetime - RenewBefore : lifetime / 2));
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The Bot Framework token endpoint refused PeerBot's credentials with {Status}: check Teams__AppId, Teams__AppPassword and Teams__TenantId")]
    private partial void LogTokenRefused(int status);
}
