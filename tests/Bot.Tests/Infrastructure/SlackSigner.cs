using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using PeerBot.Bot.Slack;

namespace PeerBot.Bot.Tests.Infrastructure;

/// <summary>Builds requests exactly as Slack sends them: form body, timestamp and v0 signature headers.</summary>
public static class SlackSigner
{
    public const string Secret = "test-signing-secret-0123456789abcdef";

    public static HttpRequestMessage Signed(string path, string body, DateTimeOffset? at = null, string secret = Secret)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") } },
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Sign(secret, timestamp, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    /// <summary>A slash command body like Slack's, for <c>/peer {text}</c>.</summary>
    public static string Command(string text, string userId = "U100", string teamId = "T100", Uri? responseUrl = null, string userName = "ana", string triggerId = "13345224609.738474920.8088930838d88f008e0") =>
        Form(new()
        {
            ["token"] = "legacy-token-unused",
            ["team_id"] = teamId,
            ["team_domain"] = "lincoln-ms",
            ["channel_id"] = "C100",
            ["channel_name"] = "teachers-lounge",
            ["user_id"] = userId,
            ["user_name"] = userName,
            ["command"] = "/peer",
            ["text"] = text,
            ["api_app_id"] = "A100",
            ["response_url"] = responseUrl?.ToString() ?? "https://hooks.slack.com/commands/T100/1/x",
            ["trigger_id"] = triggerId,
        });

    /// <summary>An interactivity body: <c>payload=</c> URL-encoded JSON.</summary>
    public static string Interaction(string json) => "payload=" + Uri.EscapeDataString(json);

    public static string Form(Dictionary<string, string> fields) =>
        string.Join('&', fields.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value).Replace("%20", "+", StringComparison.Ordinal)}"));
}
