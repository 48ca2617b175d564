namespace PeerBot.Bot.Slack.Events;

/// <summary>
/// Slack retries an event for about an hour, so the event ids kept to drop retries are needed for a day at most:
/// older ones are deleted at start and every few hours, on every instance (the delete is idempotent and indexed).
/// </summary>
public sealed partial class SlackEventLogRetention(SlackEventLog events, TimeProvider clock, ILogger<SlackEventLogRetention> log) : BackgroundService
{
    public static readonly TimeSpan Keep = TimeSpan.FromDays(7);
    private static readonly TimeSpan Every = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var removed = await events.PruneAsync(clock.GetUtcNow() - Keep, stoppingToken);
                if (removed > 0)
                {
                    LogPruned(removed);
                }

                await Task.Delay(Every, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(e);
                await Task.Delay(TimeSpan.FromMinutes(5), clock, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} Slack event id(s) older than the retry window")]
    private partial void LogPruned(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not prune old Slack event ids; trying again later")]
    private partial void LogFailed(Exception e);
}
