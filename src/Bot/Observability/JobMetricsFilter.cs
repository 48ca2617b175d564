using System.Diagnostics;
using Hangfire.Server;
using PeerBot.Scheduler.Observability;

namespace PeerBot.Bot.Observability;

/// <summary>Counts every Hangfire job run, and the runs that threw, by job class; and runs each inside a span of its own.</summary>
public sealed class JobMetricsFilter(PeerBotMetrics metrics) : IServerFilter
{
    private const string SpanItem = "peerbot.span";

    public void OnPerforming(PerformingContext context)
    {
        var activity = PeerBotTracing.Source.StartActivity($"peerbot.job {JobName(context)}");
        if (activity is not null)
        {
            context.Items[SpanItem] = activity;
        }
    }

    public void OnPerformed(PerformedContext context)
    {
        var failed = context.Exception is not null && !context.ExceptionHandled;
        metrics.JobRan(JobName(context), failed);
        if (context.Items.TryGetValue(SpanItem, out var item) && item is Activity activity)
        {
            if (failed)
            {
                activity.SetStatus(ActivityStatusCode.Error, context.Exception!.GetType().Name);
            }

            activity.Dispose();
        }
    }

    private static string JobName(PerformContext context) => context.BackgroundJob.Job?.Type.Name ?? "unknown";
}
