using PeerBot.Scheduler.Ask;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;

namespace PeerBot.Bot.Commands.Profiles;

/// <summary><c>profile</c>: what PeerBot knows about me, and whether I'm paused.</summary>
public sealed class ProfileCommand(MemberDirectory members, AskStore asks, TimeProvider clock) : ICommandHandler
{
    public CommandInfo Info { get; } = new("profile", "profile", "see your profile and your PeerBot status", "profile");

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
    {
        var member = await members.FindAsync(command.Workspace.Id, command.Caller.UserId, ct);
        if (member is null)
        {
            return new MessageReply(NotJoined(command.Prefix));
        }

        var now = clock.GetUtcNow();
        var status = member.IsPausedAt(now)
            ? $"Paused until {member.PausedUntil!.Value:ddd d MMM}: no nudges or pairings until then. `{command.Prefix}resume` to come back sooner."
            : member.SkipsNextRound
                ? $"Sitting out the next pairing round only; back in after it. `{command.Prefix}skip` again to undo."
                : "Active: you'll be included in the next pairing round.";
        return new MessageReply(new ChatMessage($"Your profile. {status}",
        [
            new TextBlock("**Your PeerBot profile**"),
            new FieldsBlock(ProfileText.Fields(member.Profile)),
            new TextBlock(status),
            .. ProfileText.Ripples(await asks.HelpedCountAsync(member.Id, ct)) is { } ripples ? [new TextBlock(ripples)] : Array.Empty<MessageBlock>(),
            new ButtonsBlock([new ChatButton("Edit profile", ProfileActions.Edit, Style: ButtonStyle.Primary)]),
            new NoteBlock($"Only people you're paired with see your profile. `{command.Prefix}leave` erases it."),
            new NoteBlock($"PeerBot never pairs you with someone who evaluates you (your admins record who evaluates whom), and never with anyone on your private `{command.Prefix}never` list."),
        ]));
    }

    public static ChatMessage NotJoined(string prefix) =>
        ChatMessage.Plain($"You haven't joined PeerBot yet. Type `{prefix}join` and I'll ask you a few quick questions.");
}
