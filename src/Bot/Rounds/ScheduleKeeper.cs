using Microsoft.Extensions.Options;
using PeerBot.Bot.Scheduling;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Rounds;

/// <summary>
/// Keeps every workspace's recurring jobs registered: all of them once at start (the job definitions follow the
/// running code), then any workspace whose rhythm an admin changed (woken at once), first seen since (its default
/// rhythm starts without a restart) or installed again — looked for every <see cref="SchedulingOptions.ScheduleSyncInterval"/>.
/// In the background: neither start-up nor a chat command waits on Hangfire's storage.
/// </summary>
public sealed partial class ScheduleKeeper(RecurringSchedules schedules, ScheduleSignal signal, IOptions<SchedulingOptions> options, ILogger<ScheduleKeeper> log) : BackgroundService
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
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever went wrong (a database blip, a Hangfire storage lock), the bot keeps answering: the next look tries again.
                LogSyncFailed(e);
            }

            try
            {
                await signal.WaitAsync(options.Value.ScheduleSyncInterval, stoppingToken);
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
