using PeerBot.Bot.Slack.Home;

namespace PeerBot.Bot.Slack.Events;

public static class SlackEventsExtensions
{
    /// <summary>The Events API: at-least-once intake (claimed, done only when handled, run again on failure) and one handler per event type.</summary>
    public static IServiceCollection AddSlackEvents(this IServiceCollection s)
    {
        s.AddSingleton<SlackEventLog>();
        s.AddSingleton<SlackEventIntake>();
        s.AddHostedService<SlackEventRedelivery>();
        s.AddSingleton<SlackEventsEndpoint>();
        s.AddSingleton<HomeWelcomes>();
        s.AddSingleton<HomePublisher>();
        s.AddSingleton<ISlackEventHandler, DirectMessageHandler>();
        s.AddSingleton<ISlackEventHandler, AppHomeHandler>();
        s.AddSingleton<ISlackEventHandler, UninstallHandler>();
        s.AddSingleton<ISlackEventHandler, NameChangeHandler>();
        return s;
    }
}
