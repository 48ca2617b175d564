using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Workspaces;

/// <summary>
/// Stops everything a workspace had scheduled when it removes PeerBot, whichever platform it is on. Seeing the workspace
/// again (a command, an event, an activity) brings its schedules back (see <see cref="WorkspaceDirectory"/>).
/// </summary>
public sealed partial class WorkspaceOffboarder(IEnumerable<IWorkspaceOffboarding> offboarding, WorkspaceDirectory workspaces, ILogger<WorkspaceOffboarder> log)
{
    public async Task OffboardAsync(Workspace workspace, string reason, CancellationToken ct)
    {
        foreach (var o in offboarding)
        {
            await o.OffboardAsync(workspace, ct);
        }

        // The next request from this workspace goes to the database again, where it is seen (and resumed) afresh.
        workspaces.Invalidate(workspace.Id);
        LogOffboarded(workspace.Id, workspace.Platform, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workspace {WorkspaceId} ({Platform}) removed PeerBot ({Reason}): its scheduled work is stopped until it is seen again")]
    private partial void LogOffboarded(Guid workspaceId, string platform, string reason);
}
