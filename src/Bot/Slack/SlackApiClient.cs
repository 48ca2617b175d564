using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace PeerBot.Bot.Slack;

/// <summary>
/// Slack's Web API over <c>Slack:ApiBaseUrl</c>: bearer token, <c>ok:false</c> surfaced as
/// <see cref="SlackApiException"/>. Timeouts and retries are the resilience pipeline's job, and it retries only what
/// <see cref="MayRetry"/> allows: a call that may already have taken effect is never repeated by the HTTP layer.
/// </summary>
public sealed class SlackApiClient(HttpClient http, IOptions<SlackOptions> options)
{
    private static readonly HttpRequestOptionsKey<bool> Repeatable = new("peerbot.slack.repeatable");

    /// <summary>Reads, and calls whose repetition changes nothing (opening the same DM, republishing a Home view, a new upload slot).</summary>
    private static readonly HashSet<string> RepeatableMethods =
        ["users.info", "conversations.history", "conversations.open", "views.publish", "files.getUploadURLExternal", "auth.test", "apps.connections.open"];

    /// <summary>Whether the resilience pipeline may send this request again after a failed or timed-out attempt.</summary>
    public static bool MayRetry(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Repeatable, out var repeatable) && repeatable;

    /// <summary>Calls a write method with a JSON body (chat.postMessage, views.open, …).</summary>
    public async Task<JsonElement> CallAsync(string method, string token, JsonObject payload, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBaseUrl, method))
        {
            Content = JsonContent.Create(payload, options: SlackJson.Options),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await SendAsync(method, request, ct);
    }

    /// <summary>Calls a read method with form arguments (users.info, conversations.history, …).</summary>
    public async Task<JsonElement> CallFormAsync(string method, string token, IReadOnlyDictionary<string, string> arguments, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBaseUrl, method))
        {
            Content = new FormUrlEncodedContent(arguments),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await SendAsync(method, request, ct);
    }

    /// <summary>Posts a reply to a command's or click's <c>response_url</c> (no token: the URL is the credential).</summary>
    public async Task PostToResponseUrlAsync(Uri responseUrl, JsonObject payload, CancellationToken ct)
    {
        if (!IsTrustedResponseUrl(responseUrl))
        {
            throw new InvalidOperationException($"Refusing to post to a response_url outside Slack: {responseUrl.Host}");
        }

        // Not repeatable: a post that timed out may have been shown; the default (unmarked) is never retried.
        using var response = await http.PostAsJsonAsync(responseUrl, payload, SlackJson.Options, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Slack's hooks host, or (tests, simulator) the host the Web API is configured on.</summary>
    public bool IsTrustedResponseUrl(Uri url) =>
        (url.Scheme == Uri.UriSchemeHttps && url.Host == "hooks.slack.com")
        || (url.Scheme == options.Value.ApiBaseUrl.Scheme && url.Authority == options.Value.ApiBaseUrl.Authority);

    /// <summary>The Retry-After Slack sent with a 429, carried on the exception by <see cref="SendAsync"/>.</summary>
    public static TimeSpan? RetryAfterOf(HttpRequestException e) => e.Data["RetryAfter"] as TimeSpan?;

    private async Task<JsonElement> SendAsync(string method, HttpRequestMessage request, CancellationToken ct)
    {
        if (!SlackScopes.Methods.Contains(method))
        {
            // A new call needs its scope in SlackScopes and the manifest first, or a real install answers missing_scope.
            throw new InvalidOperationException($"Slack method {method} is not in the scope table (SlackScopes)");
        }

        // chat.postMessage, chat.postEphemeral, files.completeUploadExternal, views.open (single-use trigger) are not repeatable.
        request.Options.Set(Repeatable, RepeatableMethods.Contains(method));

        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
        {
            var e = new HttpRequestException($"Slack {method}: rate limited", null, response.StatusCode);
            e.Data["RetryAfter"] = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(30);
            throw e;
        }

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("ok", out var ok) || !ok.GetBoolean())
        {
            var error = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var e) ? e.GetString() ?? "unknown_error" : "invalid_response";
            var details = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("response_metadata", out var meta) && meta.TryGetProperty("messages", out var msgs)
                ? msgs.EnumerateArray().Select(m => m.GetString() ?? "").ToArray()
                : [];
            throw new SlackApiException(method, error, details);
        }

        return body;
    }
}
