using PeerBot.Bot.Slack.Home;

namespace PeerBot.Bot.Slack.Events;

public static class SlackEventsExtensions
{
    /// <summary>The Events API: de-duplicated intake and one handler per event type (DMs, App Home, uninstall).</summary>
    public static IServiceCollection AddSlackEvents(this IServiceCollection s)
    {
        s.AddSingleton<SlackEventLog>();
        s.AddSingleton<SlackEventIntake>();
        s.AddSingleton<SlackEventsEndpoint>();
        s.AddSingleton<HomeWelcomes>();
        s.AddSingleton<ISlackEventHandler, DirectMessageHandler>();
        s.AddSingleton<ISlackEventHandler, AppHomeHandler>();
        s.AddSingleton<ISlackEventHandler, UninstallHandler>();
        return s;
    }
}
