using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Slack.Events;

/// <summary>
/// Work to stop when a workspace uninstalls PeerBot or revokes its tokens (its recurring jobs, for one).
/// Features that schedule per-workspace work register an implementation; the uninstall handler calls them all.
/// </summary>
public interface IWorkspaceOffboarding
{
    Task OffboardAsync(Workspace workspace, CancellationToken ct);
}
