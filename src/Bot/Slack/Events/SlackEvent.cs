using System.Text.Json;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Slack.Events;

/// <summary>One Events API callback, accepted once: its workspace, its id and the inner <c>event</c> object.</summary>
/// <param name="BotUserId">PeerBot's own user id in this workspace (from <c>authorizations</c>), to ignore its own messages.</param>
public sealed record SlackEvent(Workspace Workspace, string EventId, string Type, JsonElement Body, string? BotUserId)
{
    public string? Field(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public bool Has(string name) => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;
}
