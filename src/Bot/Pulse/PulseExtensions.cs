using Microsoft.Extensions.Options;
using PeerBot.Bot.Admin;
using PeerBot.Bot.Commands;
using PeerBot.Bot.Hosting;
using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Pulse;

public static class PulseExtensions
{
    /// <summary>The wellness pulse: its job and schedule, the <c>pulse</c> verb, answer buttons, comment form, and admin verbs.</summary>
    public static IHostApplicationBuilder AddPulse(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<PulseOptions>().BindConfiguration("PeerBot:Pulse").ValidateDataAnnotations().ValidateOnStart();
        s.AddSingleton(sp => sp.GetRequiredService<IOptions<PulseOptions>>().Value.Rules);
        s.AddSingleton<PulseSettingsStore>();
        s.AddSingleton<PulseStore>();
        s.AddSingleton<PulseSchedule>();
        s.AddSingleton<PulseRecorder>();
        s.AddTransient<PulseJob>();
        s.AddHostedService<DueSweeper<PulseJob>>();

        s.AddSingleton<ICommandHandler, PulseCommand>();
        s.AddSingleton<IActionHandler, PulseAnswerAction>();
        s.AddSingleton<IActionHandler, PulseSendAction>();
        s.AddSingleton<PulseCommentForm>();
        s.AddSingleton<IActionHandler>(sp => sp.GetRequiredService<PulseCommentForm>());
        s.AddSingleton<IFormHandler>(sp => sp.GetRequiredService<PulseCommentForm>());
        s.AddSingleton<IAdminVerb, PulseAdminVerb>();
        s.AddSingleton<IAdminVerb, ResourcesVerb>();
        return builder;
    }
}
