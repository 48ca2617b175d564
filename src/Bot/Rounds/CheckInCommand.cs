using PeerBot.Bot.Commands;
using PeerBot.Bot.Commands.Profiles;
using PeerBot.Scheduler.CheckIns;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Rounds;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Rounds;

/// <summary><c>checkin</c>: this week's check-in for each of my pairings, now.</summary>
public sealed class CheckInCommand(MemberDirectory members, PairingStore pairings, WorkspaceSettingsStore settings, TimeProvider clock) : ICommandHandler
{
    public CommandInfo Info { get; } = new("checkin", "checkin", "tell me whether you met your mentor, mentee or pod this week", "checkin");

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
    {
        if (await members.FindAsync(command.Workspace.Id, command.Caller.UserId, ct) is null)
        {
            return new MessageReply(ProfileCommand.NotJoined(command.Prefix));
        }

        var mine = (await pairings.ListAsync(command.Workspace.Id, [PairingStatus.Active], ct)).Where(p => p.UserIds.Contains(command.Caller.UserId)).ToList();
        if (mine.Count == 0)
        {
            return new MessageReply(ChatMessage.Plain($"You're not in an active pairing yet. The next round will find you one — or ask for a mentor with `{command.Prefix}mentor`."));
        }

        var s = await settings.GetAsync(command.Workspace.Id, ct);
        var week = CheckInWeek.Of(clock.GetUtcNow(), s.Zone);
        var blocks = new List<MessageBlock>();
        foreach (var p in mine)
        {
            var others = string.Join(", ", p.Members.Where(m => m.ExternalUserId != command.Caller.UserId).Select(m => m.Name));
            blocks.Add(new TextBlock($"**With {others}:**"));
            blocks.AddRange(CheckInMessages.Nudge(p, week, reminder: false).Blocks.OfType<ButtonsBlock>());
        }

        return new MessageReply(new ChatMessage("Did you meet this week?", [new TextBlock("**Did you meet this week?**"), .. blocks]));
    }
}
