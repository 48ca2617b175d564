using PeerBot.Bot.Commands.Find;
using PeerBot.Bot.Commands.Profiles;

namespace PeerBot.Bot.Commands;

public static class CommandsExtensions
{
    /// <summary>The chat grammar: one handler per verb, form and button. Order here is the order <c>help</c> lists them.</summary>
    public static IHostApplicationBuilder AddCommands(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton<CommandRouter>();
        s.AddSingleton<PeerBot.Scheduler.Chat.ChatGateways>();
        s.AddSingleton<ProfileSaver>();
        s.AddSingleton<MemberErasure>();
        s.AddSingleton<ICommandHandler, JoinCommand>();
        s.AddSingleton<ICommandHandler, ProfileCommand>();
        s.AddSingleton<ICommandHandler, FindCommand>();
        s.AddSingleton<IFormHandler, FindForm>();
        s.AddSingleton<ICommandHandler, PauseCommand>();
        s.AddSingleton<ICommandHandler, ResumeCommand>();
        s.AddSingleton<PeerBot.Scheduler.Boundaries.BoundaryStore>();
        s.AddSingleton<ICommandHandler, Boundaries.NeverCommand>();
        s.AddSingleton<ICommandHandler, LeaveCommand>();
        s.AddSingleton<IFormHandler, ProfileFormHandler>();
        s.AddSingleton<IActionHandler, ProfileActions>();
        s.AddSingleton<IActionHandler, SayHiAction>();
        return builder;
    }
}
