using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Admin;

public static class AdminExtensions
{
    /// <summary><c>admin …</c>: who is an admin, and one small handler per sub-verb.</summary>
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<AdminOptions>().BindConfiguration("PeerBot");
        s.AddSingleton<AdminGate>();
        s.AddHostedService<AdminListCheck>();
        s.AddSingleton<RecurringSchedules>();
        s.AddSingleton<ICommandHandler, AdminCommand>();
        s.AddSingleton<IAdminVerb, ShowVerb>();
        s.AddSingleton<IAdminVerb, IntrosVerb>();
        s.AddSingleton<IAdminVerb, VideoVerb>();
        s.AddSingleton<IAdminVerb, ScheduleVerb>();
        s.AddSingleton<IAdminVerb, TimeZoneVerb>();
        s.AddSingleton<IAdminVerb, BreakVerb>();
        s.AddSingleton<IAdminVerb, PodsVerb>();
        s.AddSingleton<PeerBot.Scheduler.Members.QuietMembers>();
        s.AddSingleton<IAdminVerb, QuietVerb>();
        s.AddSingleton<IAdminVerb, HoursVerb>();
        s.AddSingleton<IAdminVerb, RoundNowVerb>();
        s.AddSingleton<IAdminVerb, PreviewVerb>();
        s.AddSingleton<IAdminVerb, EvaluatesVerb>();
        return builder;
    }
}
