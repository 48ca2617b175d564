using PeerBot.Bot.Commands;
using PeerBot.Scheduler.CheckIns;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Bot.Rounds;

public static class RoundsExtensions
{
    /// <summary>The weekly rhythm: pairing rounds, mentor consent, check-ins — their jobs, verbs and buttons.</summary>
    public static IHostApplicationBuilder AddRounds(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton<PairingStore>();
        s.AddSingleton<PairingRound>();
        s.AddSingleton<MentorConsent>();
        s.AddSingleton<CheckInStore>();
        s.AddTransient<PairingRoundJob>();
        s.AddTransient<MentorFollowUpJob>();
        s.AddTransient<CheckInNudgeJob>();
        s.AddTransient<RoundHeadsUpJob>();
        s.AddHostedService<ScheduleKeeper>();

        s.AddSingleton<ICommandHandler, MentorCommand>();
        s.AddSingleton<ICommandHandler, CheckInCommand>();
        s.AddSingleton<ICommandHandler, SkipCommand>();
        s.AddSingleton<IActionHandler, SkipRoundAction>();
        s.AddSingleton<IActionHandler, PauseChoiceAction>();
        s.AddSingleton<IActionHandler, PauseForAction>();
        s.AddSingleton<IActionHandler, ImBackAction>();
        s.AddSingleton<IActionHandler, MentorAcceptAction>();
        s.AddSingleton<IActionHandler, MentorDeclineAction>();
        s.AddSingleton<IActionHandler, EndPairingAction>();
        s.AddSingleton<IActionHandler, Meetings.ProposeMeetingAction>();
        AddAnswer(s, CheckInMessages.MetAction, CheckInAnswer.Met);
        AddAnswer(s, CheckInMessages.RateAction, CheckInAnswer.Met);
        AddAnswer(s, CheckInMessages.NotYetAction, CheckInAnswer.NotYet);
        AddAnswer(s, CheckInMessages.SkipAction, CheckInAnswer.Skip);
        return builder;
    }

    private static void AddAnswer(IServiceCollection s, string actionId, CheckInAnswer answer) =>
        s.AddSingleton<IActionHandler>(sp => ActivatorUtilities.CreateInstance<CheckInAnswerAction>(sp, actionId, answer));
}
