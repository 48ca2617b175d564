using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Delivery;

public static class DeliveryExtensions
{
    /// <summary>The durable outbox and its dispatcher: every scheduled message goes out through here, exactly once.</summary>
    public static IHostApplicationBuilder AddDelivery(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<OutboxOptions>().BindConfiguration("PeerBot:Outbox").ValidateDataAnnotations().ValidateOnStart();
        s.AddSingleton<OutboxSignal>();
        s.AddSingleton<DeliveryPacer>();
        s.AddSingleton<WorkspaceSettingsStore>();
        s.AddSingleton<Outbox>();
        s.AddSingleton<OutboxDispatcher>();
        s.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());

        // One way to change state: a decision, its messages and its jobs commit together (Scheduler/Persistence).
        s.AddOptions<JobRelayOptions>().BindConfiguration("PeerBot:JobRelay").ValidateDataAnnotations().ValidateOnStart();
        s.AddSingleton<JobIntentRelay>();
        s.AddHostedService(sp => sp.GetRequiredService<JobIntentRelay>());
        s.AddSingleton<UnitOfWorkSource>();
        return builder;
    }
}
