using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Rounds;

/// <summary>Registers every workspace's recurring jobs at start (idempotent across instances).</summary>
public sealed partial class ScheduleSyncOnStart(RecurringSchedules schedules, ILogger<ScheduleSyncOnStart> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await schedules.SyncAllAsync(cancellationToken);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            // A bad row must not stop the bot; the next admin change or restart tries again.
            LogSyncFailed(e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not register the workspaces' recurring jobs")]
    private partial void LogSyncFailed(Exception e);
}
