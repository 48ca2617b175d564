using PeerBot.Bot.Commands.Profiles;
using PeerBot.Scheduler.Boundaries;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;

namespace PeerBot.Bot.Commands.Boundaries;

/// <summary>
/// <c>never @someone</c>, <c>never list</c>, <c>never remove @someone</c>: a confidential list of people PeerBot never
/// pairs you with, suggests to you, or introduces you to. Only its owner ever sees it; nobody else is told or can tell.
/// </summary>
public sealed class NeverCommand(BoundaryStore boundaries, MemberDirectory members) : ICommandHandler
{
    public CommandInfo Info { get; } = new("never", "never @someone | never list | never remove @someone",
        "people I'm never paired with or introduced to — private to you", "never @sam");

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
    {
        var workspace = command.Workspace.Id;
        var me = command.Caller.UserId;
        if (await members.FindAsync(workspace, me, ct) is null)
        {
            return new MessageReply(ProfileCommand.NotJoined(command.Prefix));
        }

        var (what, rest) = CommandRouter.Split(command.Arguments);
        if (what is "list" or "")
        {
            return new MessageReply(await ListAsync(command, ct));
        }

        var removing = what is "remove" or "delete";
        var (ids, extra) = UserMention.ReadLeading(removing ? rest : command.Arguments);
        if (ids.Count == 0 || extra.Length > 0)
        {
            return new MessageReply(ChatMessage.Plain(
                $"Name the person with an @mention: `{command.Prefix}never @name` to add them, `{command.Prefix}never remove @name` to take them off, `{command.Prefix}never list` to see your list. It's private: nobody else ever sees it or is told."));
        }

        if (ids.Contains(me, StringComparer.Ordinal))
        {
            return new MessageReply(ChatMessage.Plain("That's you — PeerBot never pairs you with yourself anyway."));
        }

        var changed = new List<string>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            if (removing ? await boundaries.RemoveNeverAsync(workspace, me, id, ct) : await boundaries.AddNeverAsync(workspace, me, id, ct))
            {
                changed.Add(id);
            }
        }

        var names = await NamesAsync(workspace, ids, ct);
        if (removing)
        {
            return new MessageReply(ChatMessage.Plain(changed.Count == 0
                ? $"{names} wasn't on your never-pair list."
                : $"Done: {names} can be paired with you again. They were never told either way."));
        }

        return new MessageReply(ChatMessage.Plain(changed.Count == 0
            ? $"{names} is already on your never-pair list."
            : $"Done. PeerBot will never pair you with {names}, suggest you to each other, or introduce you. " +
              "This is private: they aren't told, and nobody else can see your list. " +
              $"An existing pairing isn't changed — `{command.Prefix}pause` or end it from its message if you need to."));
    }

    private async Task<ChatMessage> ListAsync(ChatCommand command, CancellationToken ct)
    {
        var list = await boundaries.NeverListAsync(command.Workspace.Id, command.Caller.UserId, ct);
        return ChatMessage.Plain(list.Count == 0
            ? $"Your never-pair list is empty. Add someone with `{command.Prefix}never @name` — only you will ever see it."
            : $"Only you can see this. PeerBot never pairs you with: {await NamesAsync(command.Workspace.Id, list, ct)}. `{command.Prefix}never remove @name` takes someone off.");
    }

    /// <summary>Members by the name on their profile; anyone else as a mention (their platform shows their name).</summary>
    private async Task<string> NamesAsync(Guid workspace, IEnumerable<string> ids, CancellationToken ct)
    {
        var names = new List<string>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            var member = await members.FindAsync(workspace, id, ct);
            names.Add(member is { Profile.Name.Length: > 0 } ? member.Profile.Name : UserMention.Of(id));
        }

        return string.Join(", ", names);
    }
}
