using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Teams;

/// <summary>
/// The Bot Connector REST API on a conversation's serviceUrl: send an activity, create a 1:1 conversation.
/// A 429 becomes <see cref="ChatRateLimitedException"/>; a 4xx that no retry can fix, a permanent <see cref="ChatDeliveryException"/>.
/// </summary>
public sealed class BotConnector(HttpClient http, BotFrameworkTokens tokens)
{
    /// <summary>Posts an activity to a conversation; returns the id the Connector gave it.</summary>
    public async Task<string> SendAsync(string serviceUrl, string conversationId, JsonObject activity, CancellationToken ct)
    {
        var url = new Uri(Base(serviceUrl), $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities");
        var body = await PostAsync(url, activity, ct);
        return body.ValueKind == JsonValueKind.Object && body.TryGetProperty("id", out var id) ? id.GetString() ?? "" : "";
    }

    /// <summary>Opens (or finds) the bot's 1:1 chat with a person in a tenant; returns its conversation id.</summary>
    public async Task<string> CreatePersonalConversationAsync(string serviceUrl, string botId, string userId, string tenantId, CancellationToken ct)
    {
        var request = new JsonObject
        {
            ["bot"] = new JsonObject { ["id"] = botId, ["name"] = TeamsWelcome.AppName },
            ["members"] = new JsonArray(new JsonObject { ["id"] = userId }),
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
        };
        var body = await PostAsync(new Uri(Base(serviceUrl), "v3/conversations"), request, ct);
        return body.TryGetProperty("id", out var id) && id.GetString() is { Length: > 0 } conversation
            ? conversation
            : throw new ChatDeliveryException("The Bot Connector created a conversation without an id", permanent: false);
    }

    /// <summary>
    /// Starts a new thread in a Teams channel with the activity as its first message (<c>POST {serviceUrl}/v3/conversations</c>
    /// with <c>isGroup</c> and the channel in <c>channelData</c>); returns the new message's id.
    /// </summary>
    public async Task<string> CreateChannelThreadAsync(string serviceUrl, string botId, string channelId, string tenantId, JsonObject activity, CancellationToken ct)
    {
        var request = new JsonObject
        {
            ["isGroup"] = true,
            ["bot"] = new JsonObject { ["id"] = botId, ["name"] = TeamsWelcome.AppName },
            ["channelData"] = new JsonObject
            {
                ["channel"] = new JsonObject { ["id"] = channelId },
                ["tenant"] = new JsonObject { ["id"] = tenantId },
            },
            ["activity"] = activity,
        };
        var body = await PostAsync(new Uri(Base(serviceUrl), "v3/conversations"), request, ct);
        return body.ValueKind == JsonValueKind.Object && (body.TryGetProperty("activityId", out var id) || body.TryGetProperty("id", out id)) && id.GetString() is { Length: > 0 } created
            ? created
            : throw new ChatDeliveryException("The Bot Connector started a thread without an id", permanent: false);
    }

    private async Task<JsonElement> PostAsync(Uri url, JsonObject payload, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(payload) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(ct));
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new ChatRateLimitedException(RetryAfter(response));
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            // 403/404: the person removed the app or left the tenant — retrying will not help. 5xx and 408 might.
            throw new ChatDeliveryException($"The Bot Connector answered {status}", permanent: status is >= 400 and < 500 and not 408);
        }

        return response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => TimeSpan.FromSeconds(5),
    };

    private static Uri Base(string serviceUrl) => new(serviceUrl.EndsWith('/') ? serviceUrl : serviceUrl + "/");
}
