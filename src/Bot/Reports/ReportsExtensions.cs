using PeerBot.Bot.Admin;
using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Reports;

public static class ReportsExtensions
{
    /// <summary>Coach reports: the <c>report</c> verb, coach and cohort admin verbs, signed links, chart and CSV (delivered through each platform's chat gateway).</summary>
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<ReportOptions>().BindConfiguration("PeerBot:Reports").ValidateDataAnnotations().ValidateOnStart();
        s.AddDataProtection();
        s.AddSingleton<PulseReportStore>();
        s.AddSingleton<CoachStore>();
        s.AddSingleton<CohortStore>();
        s.AddSingleton<CoachReportBuilder>();
        s.AddSingleton<ReportLinkKey>();
        s.AddSingleton<ReportLinks>();
        s.AddSingleton<ReportAccess>();

        s.AddSingleton<ICommandHandler, ReportCommand>();
        s.AddSingleton<IAdminVerb, CoachVerb>();
        s.AddSingleton<IAdminVerb, CohortVerb>();
        return builder;
    }
}
