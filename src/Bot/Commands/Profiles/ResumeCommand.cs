using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;

namespace PeerBot.Bot.Commands.Profiles;

/// <summary><c>resume</c>: ends a pause now.</summary>
public sealed class ResumeCommand(MemberDirectory members) : ICommandHandler
{
    public CommandInfo Info { get; } = new("resume", "resume", "end a pause now", "resume");

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct) =>
        await members.SetPauseAsync(command.Workspace.Id, command.Caller.UserId, null, ct)
            ? new MessageReply(ChatMessage.Plain("Welcome back! You're active again and will be in the next pairing round."))
            : new MessageReply(ProfileCommand.NotJoined(command.Prefix));
}
