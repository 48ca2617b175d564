using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Pulse;

/// <summary>Registers every workspace's recurring pulse job at start (idempotent across instances).</summary>
public sealed partial class PulseScheduleOnStart(PulseSchedule schedule, ILogger<PulseScheduleOnStart> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await schedule.SyncAllAsync(cancellationToken);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            // A bad row must not stop the bot; the next admin change or restart tries again.
            LogSyncFailed(e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not register the workspaces' recurring pulse jobs")]
    private partial void LogSyncFailed(Exception e);
}
