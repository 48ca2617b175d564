using Microsoft.Extensions.DependencyInjection;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Bot.Hosting;

/// <summary>
/// What a job promises always happens: at start and every hour, on every instance, runs <typeparamref name="TSweep"/>'s
/// sweep (a pulse past its closing time is closed and a due reminder sent; a question past its time is closed and its
/// asker forgotten) — whatever became of the jobs scheduled for it.
/// </summary>
public sealed partial class DueSweeper<TSweep>(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DueSweeper<TSweep>> log) : BackgroundService
    where TSweep : IDueSweep
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
                    await scope.ServiceProvider.GetRequiredService<TSweep>().SweepAsync(stoppingToken);
                }

                await Task.Delay(Every, clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(e, typeof(TSweep).Name);
                await Task.Delay(TimeSpan.FromMinutes(5), clock, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sweep what {Sweep} left due; trying again later")]
    private partial void LogFailed(Exception e, string sweep);
}
