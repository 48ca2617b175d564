using System.Globalization;
using PeerBot.Bot.Commands;
using PeerBot.Bot.Commands.Profiles;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Rounds;

/// <summary><c>skip</c>: out of the next pairing round only, back automatically after it; <c>skip</c> again before the round undoes it.</summary>
public sealed class SkipCommand(MemberDirectory members, WorkspaceSettingsStore settings, TimeProvider clock) : ICommandHandler
{
    public CommandInfo Info { get; } = new("skip", "skip", "sit out the next pairing round only (again to undo)", "skip");

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
    {
        var skips = await members.SetSkipNextRoundAsync(command.Workspace.Id, command.Caller.UserId, skip: null, ct);
        return new MessageReply(skips is { } now
            ? Answer(now, await NextRoundAsync(settings, clock, command.Workspace.Id, ct), command.Prefix)
            : ProfileCommand.NotJoined(command.Prefix));
    }

    public static ChatMessage Answer(bool skips, string nextRound, string prefix) => ChatMessage.Plain(skips
        ? $"Got it — you're sitting out the next pairing round ({nextRound}) and back in automatically after it. Changed your mind? `{prefix}skip` again before the round."
        : $"You're back in the next pairing round ({nextRound}).");

    /// <summary>When the next scheduled round is, as a teacher reads it ("Monday 7 December").</summary>
    public static async Task<string> NextRoundAsync(WorkspaceSettingsStore settings, TimeProvider clock, Guid workspaceId, CancellationToken ct)
    {
        var s = await settings.GetAsync(workspaceId, ct);
        return RoundCalendar.Next(s.PairingSchedule, s.PairingEveryWeeks, s.PairingAnchor, s.Zone, s.Window.Breaks, clock.GetUtcNow()) is { } next
            ? TimeZoneInfo.ConvertTime(next, s.Zone).ToString("dddd d MMMM", CultureInfo.InvariantCulture)
            : "whenever an admin runs one";
    }
}
