using PeerBot.Bot.Slack.Install;
using PeerBot.Bot.Workspaces;

namespace PeerBot.Bot.Slack.Events;

/// <summary><c>app_uninstalled</c> / <c>tokens_revoked</c>: forget the workspace's tokens and stop its scheduled work.</summary>
public sealed partial class UninstallHandler(SlackInstallations installations, WorkspaceOffboarder offboarder, ILogger<UninstallHandler> log) : ISlackEventHandler
{
    public IReadOnlyList<string> EventTypes { get; } = ["app_uninstalled", "tokens_revoked"];

    public async Task HandleAsync(SlackEvent slackEvent, CancellationToken ct)
    {
        // tokens_revoked also fires when a person revokes a user token; PeerBot holds none, so only bot revocations matter.
        if (slackEvent.Type == "tokens_revoked" && !RevokesBotTokens(slackEvent))
        {
            return;
        }

        // Scheduled work stops first, so no job wakes up to find the tokens gone.
        await offboarder.OffboardAsync(slackEvent.Workspace, slackEvent.Type, ct);

        var removed = await installations.RemoveAsync(slackEvent.Workspace.ExternalId, ct);

        LogUninstalled(slackEvent.Workspace.ExternalId, slackEvent.Type, removed);
    }

    private static bool RevokesBotTokens(SlackEvent e) =>
        e.Body.TryGetProperty("tokens", out var tokens) && tokens.TryGetProperty("bot", out var bot)
        && bot.ValueKind == System.Text.Json.JsonValueKind.Array && bot.GetArrayLength() > 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack team {TeamId} sent {Event}: its tokens are removed (installation found: {Removed})")]
    private partial void LogUninstalled(string teamId, string @event, bool removed);
}
