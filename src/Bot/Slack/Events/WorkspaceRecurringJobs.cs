using Hangfire;
using Hangfire.Storage;

namespace PeerBot.Bot.Slack.Events;

/// <summary>
/// Removes a workspace's recurring Hangfire jobs when it uninstalls. The scheduler names them
/// <c>{kind}:{workspaceId:N}</c> (pairing rounds, check-in nudges, follow-ups), so the suffix finds them all.
/// </summary>
public sealed partial class WorkspaceRecurringJobs(JobStorage storage, IRecurringJobManager jobs, ILogger<WorkspaceRecurringJobs> log) : IWorkspaceOffboarding
{
    public Task OffboardAsync(Scheduler.Workspaces.Workspace workspace, CancellationToken ct)
    {
        var suffix = $":{workspace.Id:N}";
        using var connection = storage.GetConnection();
        foreach (var job in connection.GetRecurringJobs().Where(j => j.Id.EndsWith(suffix, StringComparison.Ordinal)))
        {
            jobs.RemoveIfExists(job.Id);
            LogRemoved(job.Id);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed recurring job {JobId}: its workspace uninstalled PeerBot")]
    private partial void LogRemoved(string jobId);
}
