using Hangfire.Server;
using PeerBot.Scheduler.Observability;

namespace PeerBot.Bot.Observability;

/// <summary>Counts every Hangfire job run, and the runs that threw, by job class.</summary>
public sealed class JobMetricsFilter(PeerBotMetrics metrics) : IServerFilter
{
    public void OnPerforming(PerformingContext context)
    {
    }

    public void OnPerformed(PerformedContext context) =>
        metrics.JobRan(context.BackgroundJob.Job?.Type.Name ?? "unknown", failed: context.Exception is not null && !context.ExceptionHandled);
}
