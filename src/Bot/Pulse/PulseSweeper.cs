using Microsoft.Extensions.DependencyInjection;
using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Pulse;

/// <summary>
/// A pulse always closes: at start and every hour, on every instance, closes any pulse past its closing time and
/// sends any reminder that is due but unsent — whatever became of the jobs scheduled when it opened (closing is idempotent).
/// </summary>
public sealed partial class PulseSweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PulseSweeper> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using (var scope = scopes.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<PulseJob>().SweepAsync(stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sweep due pulses; trying again later")]
    private partial void LogFailed(Exception e);
}
