using Microsoft.Extensions.Options;

namespace PeerBot.Bot.Retention;

/// <summary>Runs the <see cref="RetentionSweep"/> at start and every <see cref="RetentionOptions.Interval"/>, on every instance.</summary>
public sealed partial class RetentionService(RetentionSweep sweep, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<RetentionService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var removed = await sweep.RunAsync(stoppingToken);
                if (removed.Total > 0)
                {
                    LogSwept(removed.SentMessages, removed.DeadLetters, removed.SlackEvents, removed.PulseComments);
                }

                await Task.Delay(options.Value.Interval, clock, stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Sent} sent message(s), {Dead} dead letter(s), {Events} Slack event id(s), {Comments} pulse comment(s)")]
    private partial void LogSwept(int sent, int dead, int events, int comments);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep failed; trying again in five minutes")]
    private partial void LogFailed(Exception e);
}
