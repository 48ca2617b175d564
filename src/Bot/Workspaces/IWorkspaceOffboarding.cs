using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Workspaces;

/// <summary>
/// Work to stop when a workspace uninstalls PeerBot (Slack app_uninstalled / tokens_revoked, Teams removing the app from its last chat).
/// Features that schedule per-workspace work register an implementation; <see cref="WorkspaceOffboarder"/> calls them all.
/// </summary>
public interface IWorkspaceOffboarding
{
    Task OffboardAsync(Workspace workspace, CancellationToken ct);
}
