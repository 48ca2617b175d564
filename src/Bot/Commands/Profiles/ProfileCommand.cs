using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;

namespace PeerBot.Bot.Commands.Profiles;

/// <summary><c>profile</c>: what PeerBot knows about me, my status, pairings, ripples and never-pair list (Teams' "Home tab").</summary>
public sealed class ProfileCommand(MemberDirectory members, MemberDashboard dashboard) : ICommandHandler
{
    public CommandInfo Info { get; } = new("profile", "profile", "see your profile, your pairings, your ripples and your PeerBot status", "profile");

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
    {
        var member = await members.FindAsync(command.Workspace.Id, command.Caller.UserId, ct);
        return member is null
            ? new MessageReply(NotJoined(command.Prefix))
            : new MessageReply(await dashboard.BuildAsync(member, onHome: false, shared: command.Place?.RepliesShared == true, command.Prefix, ct));
    }

    public static ChatMessage NotJoined(string prefix) =>
        ChatMessage.Plain($"You haven't joined PeerBot yet. Type `{prefix}join` and I'll ask you a few quick questions.");
}
