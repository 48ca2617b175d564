namespace PeerBot.Bot.Slack.Events;

/// <summary>
/// On every instance: runs again the Slack events whose handling failed after they were acknowledged (or whose runner
/// died), from the payload kept in <see cref="SlackEventLog"/> until they are done — an uninstall is never lost.
/// </summary>
public sealed partial class SlackEventRedelivery(SlackEventLog eventLog, SlackEventIntake intake, ILogger<SlackEventRedelivery> log) : BackgroundService
{
    /// <summary>The wait after a failed run before this loop tries it again (Slack's own retry may come sooner).</summary>
    public static readonly TimeSpan Backoff = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var (eventId, teamId, payload) in await eventLog.ClaimDueAsync(10, stoppingToken))
                {
                    await intake.RedeliverAsync(eventId, teamId, payload);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The database is away for a moment: look again on the next tick.
                LogUnavailable(e.Message);
            }

            await Task.Delay(Poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for Slack events to run again: {Error}")]
    private partial void LogUnavailable(string error);
}
