using PeerBot.Bot.Commands;
using PeerBot.Bot.Commands.Profiles;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Bot.Rounds;

/// <summary><em>I'm back</em> on the quiet-pause note: the same as <c>resume</c>, and the quiet count starts afresh.</summary>
public sealed class ImBackAction(MemberDirectory members) : IActionHandler
{
    public string ActionId => Introductions.BackAction;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct) =>
        await members.SetPauseAsync(action.Workspace.Id, action.Caller.UserId, null, ct)
            ? new MessageReply(ChatMessage.Plain("Welcome back! You're active again and will be in the next pairing round."))
            : new MessageReply(ProfileCommand.NotJoined(action.Prefix));
}
