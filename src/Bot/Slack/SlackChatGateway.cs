using System.Text.Json.Nodes;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Slack;

/// <summary>The chat port over Slack's Web API.</summary>
public sealed class SlackChatGateway(SlackApiClient api, ISlackTokenSource tokens) : IChatGateway
{
    public const string PlatformName = "slack";

    public string Platform => PlatformName;

    public async Task<ChatUserInfo?> GetUserAsync(Workspace workspace, string userId, CancellationToken ct)
    {
        var token = await tokens.GetBotTokenAsync(workspace.ExternalId, ct);
        var body = await api.CallFormAsync("users.info", token, new Dictionary<string, string> { ["user"] = userId }, ct);
        var user = body.GetProperty("user");
        string? Str(string name) => user.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;
        bool Flag(string name) => user.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.True;
        var display = user.TryGetProperty("profile", out var profile) && profile.TryGetProperty("display_name", out var dn) && dn.GetString() is { Length: > 0 } d
            ? d
            : Str("real_name") ?? Str("name") ?? userId;
        return new ChatUserInfo(userId, display, Str("tz"), Flag("is_admin") || Flag("is_owner") || Flag("is_primary_owner"), Flag("is_bot"));
    }

    public async Task<string> SendDirectAsync(Workspace workspace, string userId, ChatMessage message, CancellationToken ct)
    {
        var token = await tokens.GetBotTokenAsync(workspace.ExternalId, ct);
        // Posting to a user id lands in the app's DM with that person.
        var payload = BlockKit.Message(message);
        payload["channel"] = userId;
        var body = await api.CallAsync("chat.postMessage", token, payload, ct);
        return body.GetProperty("ts").GetString() ?? "";
    }

    /// <summary>Opens a modal for the person who just typed or clicked (trigger ids live three seconds).</summary>
    public async Task OpenFormAsync(string teamId, string triggerId, ChatForm form, string privateMetadata, CancellationToken ct)
    {
        var token = await tokens.GetBotTokenAsync(teamId, ct);
        await api.CallAsync("views.open", token, new JsonObject { ["trigger_id"] = triggerId, ["view"] = BlockKit.Modal(form, privateMetadata) }, ct);
    }
}
