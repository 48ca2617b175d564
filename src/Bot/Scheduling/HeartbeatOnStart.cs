using Hangfire;
using PeerBot.Scheduler.Heartbeat;

namespace PeerBot.Bot.Scheduling;

/// <summary>Enqueues one <see cref="HeartbeatJob"/> at start: the first sign of life in the job history.</summary>
public sealed class HeartbeatOnStart(IBackgroundJobClient jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.Enqueue<HeartbeatJob>(job => job.RunAsync(CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
