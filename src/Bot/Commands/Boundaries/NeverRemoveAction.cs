using PeerBot.Bot.Commands.Profiles;
using PeerBot.Scheduler.Boundaries;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;

namespace PeerBot.Bot.Commands.Boundaries;

/// <summary>A <em>Take … off</em> button under my never-pair list (Home tab, profile): the same as <c>never remove @someone</c>. Only the list's owner can click it.</summary>
public sealed class NeverRemoveAction(BoundaryStore boundaries, MemberDirectory members) : IActionHandler
{
    public string ActionId => MemberDashboard.NeverRemoveAction;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct)
    {
        if (await members.FindAsync(action.Workspace.Id, action.Caller.UserId, ct) is null)
        {
            return new MessageReply(ProfileCommand.NotJoined(action.Prefix));
        }

        var other = await members.FindAsync(action.Workspace.Id, action.Value, ct);
        var name = other is { Profile.Name.Length: > 0 } ? other.Profile.Name : UserMention.Of(action.Value);
        // The caller's own list only: the row is keyed by who clicked, so nobody can touch (or probe) another's list.
        return new MessageReply(ChatMessage.Plain(await boundaries.RemoveNeverAsync(action.Workspace.Id, action.Caller.UserId, action.Value, ct)
            ? $"Done: {name} can be paired with you again. They were never told either way."
            : $"{name} wasn't on your never-pair list."));
    }
}
