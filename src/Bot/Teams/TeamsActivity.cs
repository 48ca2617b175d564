using System.Text.Json;
using static PeerBot.Bot.Chat.JsonRead;

namespace PeerBot.Bot.Teams;

/// <summary>The parts of a Bot Framework activity PeerBot reads; the raw JSON stays available for the rest.</summary>
public sealed record TeamsActivity(
    string Type,
    string? Name,
    string? Id,
    string ServiceUrl,
    string ChannelId,
    TeamsAccount From,
    TeamsAccount Recipient,
    string ConversationId,
    string ConversationType,
    string? TenantId,
    string Text,
    JsonElement? Value,
    string? Action,
    IReadOnlyList<string> MembersAdded,
    IReadOnlyList<string> MembersRemoved,
    string? TimeZone,
    JsonElement Raw)
{
    public bool IsPersonal => ConversationType == "personal";

    /// <summary>PeerBot was taken out of this conversation: the app uninstalled from a personal scope, team or group chat, or the bot removed.</summary>
    public bool RemovesBot => (Type == "installationUpdate" && Action == "remove")
        || (Type == "conversationUpdate" && MembersRemoved.Contains(Recipient.Id));

    /// <summary>The Teams channel a channel message was posted in (its thread's conversation id carries a ";messageid=" suffix).</summary>
    public string? TeamsChannel => ConversationType == "channel"
        ? Str(Raw, "channelData", "teamsChannelId") ?? Str(Raw, "channelData", "channel", "id") ?? ConversationId.Split(";messageid=")[0]
        : null;

    public string? TeamsChannelName => Str(Raw, "channelData", "channel", "name");

    public static TeamsActivity? Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var conversation = json.TryGetProperty("conversation", out var c) ? c : default;
        return new TeamsActivity(
            Str(json, "type") ?? "",
            Str(json, "name"),
            Str(json, "id"),
            Str(json, "serviceUrl") ?? "",
            Str(json, "channelId") ?? "",
            Account(json, "from"),
            Account(json, "recipient"),
            Str(conversation, "id") ?? "",
            Str(conversation, "conversationType") ?? "personal",
            Str(json, "channelData", "tenant", "id") ?? Str(conversation, "tenantId"),
            Str(json, "text") ?? "",
            json.TryGetProperty("value", out var v) && v.ValueKind != JsonValueKind.Null ? v : null,
            Str(json, "action"),
            Ids(json, "membersAdded"),
            Ids(json, "membersRemoved"),
            Entities(json).Where(e => Str(e, "type") == "clientInfo").Select(e => Str(e, "timezone")).FirstOrDefault(tz => tz is not null),
            json);
    }

    /// <summary>
    /// The message text as a command: without the @mentions of the bot itself, and with every other person's mention
    /// (<c>&lt;at&gt;Ana&lt;/at&gt;</c>, located by the activity's mention entities) written as PeerBot's platform-neutral <c>&lt;@id&gt;</c>.
    /// </summary>
    public string TextWithoutBotMention()
    {
        var text = Text;
        foreach (var entity in Entities(Raw))
        {
            if (Str(entity, "type") != "mention" || Str(entity, "text") is not { Length: > 0 } mention || Str(entity, "mentioned", "id") is not { Length: > 0 } id)
            {
                continue;
            }

            text = text.Replace(mention, id == Recipient.Id ? " " : $" <@{id}> ", StringComparison.Ordinal);
        }

        return text.Replace("&nbsp;", " ", StringComparison.Ordinal).Trim();
    }

    private static string[] Ids(JsonElement json, string name) =>
        json.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray().Select(m => Str(m, "id") ?? "")] : [];

    private static IEnumerable<JsonElement> Entities(JsonElement json) =>
        json.TryGetProperty("entities", out var entities) && entities.ValueKind == JsonValueKind.Array ? entities.EnumerateArray() : [];

    private static TeamsAccount Account(JsonElement json, string name) =>
        new(Str(json, name, "id") ?? "", Str(json, name, "name") ?? "", Str(json, name, "aadObjectId"));
}

/// <summary>A person or bot in a Bot Framework conversation.</summary>
public sealed record TeamsAccount(string Id, string Name, string? AadObjectId);
