using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Workspaces;

/// <summary>
/// Removes a workspace's recurring Hangfire jobs when it uninstalls (pairing rounds, check-in nudges, follow-ups,
/// pulses) and keeps them off until it installs again.
/// </summary>
public sealed partial class WorkspaceRecurringJobs(RecurringSchedules schedules, ILogger<WorkspaceRecurringJobs> log) : IWorkspaceOffboarding
{
    public async Task OffboardAsync(Scheduler.Workspaces.Workspace workspace, CancellationToken ct)
    {
        foreach (var id in await schedules.StopAsync(workspace.Id, ct))
        {
            LogRemoved(id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed recurring job {JobId}: its workspace uninstalled PeerBot")]
    private partial void LogRemoved(string jobId);
}
