using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Workspaces;

/// <summary>
/// Stops everything a workspace had scheduled when it removes PeerBot, whichever platform it is on. Seeing the workspace
/// again (a command, an event, an activity) brings its schedules back (see <see cref="WorkspaceDirectory"/>).
/// </summary>
public sealed partial class WorkspaceOffboarder(IEnumerable<IWorkspaceOffboarding> offboarding, WorkspaceChanges changes, ILogger<WorkspaceOffboarder> log)
{
    public async Task OffboardAsync(Workspace workspace, string reason, CancellationToken ct)
    {
        foreach (var o in offboarding)
        {
            await o.OffboardAsync(workspace, ct);
        }

        // The next request from this workspace, on any instance, goes to the database again, where it is seen (and resumed) afresh.
        await changes.PublishAsync(workspace.Id, ct);
        LogOffboarded(workspace.Id, workspace.Platform, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workspace {WorkspaceId} ({Platform}) removed PeerBot ({Reason}): its scheduled work is stopped until it is seen again")]
    private partial void LogOffboarded(Guid workspaceId, string platform, string reason);
}
