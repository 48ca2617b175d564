using PeerBot.Scheduler.Members;

namespace PeerBot.Bot.Slack.Events;

/// <summary>
/// <c>user_change</c>: someone changed their Slack profile. A member who did not type a name of their own is called by
/// their new display name from now on (in introductions, pods and lists); anyone else's change is ignored.
/// </summary>
public sealed partial class NameChangeHandler(MemberDirectory members, ILogger<NameChangeHandler> log) : ISlackEventHandler
{
    public IReadOnlyList<string> EventTypes { get; } = ["user_change"];

    public async Task HandleAsync(SlackEvent slackEvent, CancellationToken ct)
    {
        if (!slackEvent.Body.TryGetProperty("user", out var user) || user.ValueKind != System.Text.Json.JsonValueKind.Object
            || PeerBot.Bot.Chat.JsonRead.Str(user, "id") is not { Length: > 0 } userId || SlackChatGateway.DisplayNameOf(user) is not { } name)
        {
            return;
        }

        if (await members.RefreshPlatformNameAsync(slackEvent.Workspace.Id, userId, name, ct))
        {
            LogRenamed(slackEvent.Workspace.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A member's display name changed in Slack workspace {WorkspaceId}: PeerBot uses the new one")]
    private partial void LogRenamed(Guid workspaceId);
}
