using PeerBot.Bot.Admin;
using PeerBot.Bot.Commands;
using PeerBot.Bot.Hosting;
using PeerBot.Scheduler.Ask;

namespace PeerBot.Bot.Ask;

public static class AskExtensions
{
    /// <summary>Ask a colleague: the <c>ask</c> and <c>tips</c> verbs, the form, helpers' and askers' buttons, re-routing and closing jobs.</summary>
    public static IHostApplicationBuilder AddAsk(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<AskOptions>().BindConfiguration("PeerBot:Ask").ValidateDataAnnotations().ValidateOnStart();
        s.AddSingleton<AskStore>();
        s.AddSingleton<AskChannels>();
        s.AddSingleton<AskRouter>();
        s.AddSingleton<AskDesk>();
        s.AddSingleton<HelperActions>();
        s.AddSingleton<AskerActions>();
        s.AddTransient<AskFollowUpJob>();
        s.AddTransient<AskCloseJob>();
        s.AddHostedService<DueSweeper<AskCloseJob>>();

        s.AddSingleton<ICommandHandler, AskCommand>();
        s.AddSingleton<ICommandHandler, TipsCommand>();
        s.AddSingleton<IFormHandler, AskForm>();
        s.AddSingleton<IActionHandler, ClaimAction>();
        s.AddSingleton<IActionHandler, DeclineAction>();
        s.AddSingleton<IFormHandler, AnswerForm>();
        s.AddSingleton<IActionHandler, HelpedAction>();
        s.AddSingleton<ReplyAction>();
        s.AddSingleton<IActionHandler>(sp => sp.GetRequiredService<ReplyAction>());
        s.AddSingleton<IFormHandler>(sp => sp.GetRequiredService<ReplyAction>());
        s.AddSingleton<IActionHandler, TipAction>();
        s.AddSingleton<IActionHandler, SuggestTipAction>();
        s.AddSingleton<IActionHandler, ReportAction>();
        s.AddSingleton<IAdminVerb, SupportVerb>();
        s.AddSingleton<PeerBot.Bot.Simulator.ITimeRun, AskStepRun>();
        return builder;
    }
}
