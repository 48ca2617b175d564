using Microsoft.Extensions.Options;
using PeerBot.Bot.Scheduling;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Rounds;

/// <summary>
/// Keeps every workspace's recurring jobs registered: all of them once at start (the job definitions follow the
/// running code), then, every <see cref="SchedulingOptions.ScheduleSyncInterval"/>, any workspace first seen since
/// (its default rhythm starts without a restart) or installed again. In the background: start-up never waits on it.
/// </summary>
public sealed partial class ScheduleKeeper(RecurringSchedules schedules, IOptions<SchedulingOptions> options, TimeProvider clock, ILogger<ScheduleKeeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var synced = first ? await schedules.SyncAllAsync(stoppingToken) : await schedules.SyncPendingAsync(stoppingToken);
                if (synced > 0)
                {
                    LogSynced(synced);
                }

                first = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // A bad row or a database blip must not stop the bot: the next tick tries again.
                LogSyncFailed(e);
            }

            try
            {
                await Task.Delay(options.Value.ScheduleSyncInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered the recurring jobs of {Count} workspace(s)")]
    private partial void LogSynced(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not register the workspaces' recurring jobs; trying again shortly")]
    private partial void LogSyncFailed(Exception e);
}
