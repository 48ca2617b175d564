using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Thanks;

namespace PeerBot.Bot.Thanks;

public static class ThanksExtensions
{
    /// <summary>Thanks after a meeting (the <c>thanks</c> verb, the <em>Say thanks</em> button and its form) and the dashboard that shows ripples.</summary>
    public static IHostApplicationBuilder AddThanks(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton<ThanksStore>();
        s.AddSingleton<ThanksDesk>();
        s.AddSingleton<ICommandHandler, ThanksCommand>();
        s.AddSingleton<SayThanksAction>();
        s.AddSingleton<IActionHandler>(sp => sp.GetRequiredService<SayThanksAction>());
        s.AddSingleton<IFormHandler>(sp => sp.GetRequiredService<SayThanksAction>());

        // The member's dashboard (Slack's Home tab, and profile on both platforms) with its own buttons.
        s.AddSingleton<Commands.Profiles.MemberDashboard>();
        s.AddSingleton<IActionHandler, Commands.Profiles.DashboardSkipAction>();
        s.AddSingleton<IActionHandler, Commands.Boundaries.NeverRemoveAction>();
        return builder;
    }
}
