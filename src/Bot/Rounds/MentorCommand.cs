using PeerBot.Bot.Commands;
using PeerBot.Bot.Commands.Profiles;
using PeerBot.Matching.Profiles;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Rounds;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Rounds;

/// <summary><c>mentor</c>: ask for a mentor — proposed at once to an open mentor who fits well, otherwise in the next round.</summary>
public sealed class MentorCommand(MemberDirectory members, PairingStore pairings, PairingRound round, WorkspaceSettingsStore settings, TimeProvider clock) : ICommandHandler
{
    public CommandInfo Info { get; } = new("mentor", "mentor", "ask for a mentor: at once when one fits well, otherwise in the next round", "mentor");

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
    {
        if (await members.FindAsync(command.Workspace.Id, command.Caller.UserId, ct) is not { } member)
        {
            return new MessageReply(ProfileCommand.NotJoined(command.Prefix));
        }

        var open = (await pairings.ListAsync(command.Workspace.Id, [PairingStatus.Proposed, PairingStatus.Active], ct))
            .FirstOrDefault(p => p.Kind == "mentor" && p.Mentee?.MemberId == member.Id);
        if (open is not null)
        {
            return new MessageReply(ChatMessage.Plain(open.Status == PairingStatus.Active
                ? $"You already have a mentor: {open.Mentor?.Name}. `{command.Prefix}profile` shows your pairings."
                : "I've already asked a mentor who fits you well — you'll hear as soon as they say yes."));
        }

        if (!member.Profile.WantsMentor)
        {
            var role = member.Profile.Role == MentoringRole.Mentor ? MentoringRole.Both : MentoringRole.Mentee;
            await members.SaveAsync(command.Workspace.Id, member.Profile with { Role = role }, ct);
        }

        var outcome = await round.RunAsync(command.Workspace.Id, $"mentor-request:{member.Id:N}:{clock.GetUtcNow().ToUnixTimeMilliseconds()}",
            Urgency.Now, RoundScope.Request, ct, command.Caller.UserId);
        if (outcome.Plan.MentorPairs > 0)
        {
            return new MessageReply(ChatMessage.Plain(
                "Good news: an open mentor fits you well, and I've asked them. You'll hear from me as soon as they say yes (they have three days; if not, I'll ask the next best)."));
        }

        var s = await settings.GetAsync(command.Workspace.Id, ct);
        var next = RoundCalendar.Next(s.PairingSchedule, s.PairingEveryWeeks, s.PairingAnchor, s.Zone, s.Window.Breaks, clock.GetUtcNow());
        return new MessageReply(ChatMessage.Plain(
            $"No open mentor fits you well right now, so you're in the next pairing round ({PeerBot.Bot.Admin.ShowVerb.When(next, s.Zone)}). I'll message you then."));
    }
}
