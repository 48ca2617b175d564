using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using static PeerBot.Bot.Chat.JsonRead;

namespace PeerBot.Bot.Slack.Install;

/// <summary>
/// <c>oauth.v2.access</c> with the app's client id/secret as HTTP Basic: exchanges an install code, or a refresh token
/// when token rotation is on. No retries: a code or refresh token is single-use, so a blind retry would only fail.
/// </summary>
public sealed class SlackOAuthClient(HttpClient http, IOptions<SlackOptions> options, TimeProvider clock)
{
    public Task<SlackInstallation> ExchangeCodeAsync(string code, string redirectUri, CancellationToken ct) =>
        CallAsync(new Dictionary<string, string> { ["code"] = code, ["redirect_uri"] = redirectUri }, ct);

    public Task<SlackInstallation> RefreshAsync(string refreshToken, CancellationToken ct) =>
        CallAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, ct);

    private async Task<SlackInstallation> CallAsync(Dictionary<string, string> arguments, CancellationToken ct)
    {
        var o = options.Value;
        if (o.ClientId is not { Length: > 0 } id || o.ClientSecret is not { Length: > 0 } secret)
        {
            throw new InvalidOperationException("Slack:ClientId and Slack:ClientSecret are required for the OAuth install");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(o.ApiBaseUrl, "oauth.v2.access")) { Content = new FormUrlEncodedContent(arguments) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (!(body.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True))
        {
            throw new SlackApiException("oauth.v2.access", body.TryGetProperty("error", out var e) ? e.GetString() ?? "unknown_error" : "invalid_response", []);
        }

        if (Str(body, "token_type") != "bot" || Str(body, "access_token") is not { Length: > 0 } token)
        {
            throw new SlackApiException("oauth.v2.access", "no_bot_token", []);
        }

        var team = body.TryGetProperty("team", out var t) && t.ValueKind == JsonValueKind.Object ? t : default;
        DateTimeOffset? expires = body.TryGetProperty("expires_in", out var ex) && ex.TryGetInt32(out var seconds)
            ? clock.GetUtcNow().AddSeconds(seconds)
            : null;
        // authed_user (a user token) is deliberately ignored: PeerBot asks for no user scopes and keeps no user tokens.
        return new SlackInstallation(Str(team, "id") ?? "", Str(team, "name") ?? "", Str(body, "bot_user_id") ?? "", Str(body, "scope") ?? "", token, Str(body, "refresh_token"), expires);
    }
}
