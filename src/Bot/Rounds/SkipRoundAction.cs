using System.Globalization;
using PeerBot.Bot.Commands;
using PeerBot.Bot.Commands.Profiles;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Rounds;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Rounds;

/// <summary><em>Skip this one</em> on the heads-up: out of that round (clicking twice changes nothing; <c>skip</c> undoes it).</summary>
public sealed class SkipRoundAction(MemberDirectory members, WorkspaceSettingsStore settings, TimeProvider clock) : IActionHandler
{
    public string ActionId => RoundHeadsUp.SkipAction;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct)
    {
        var s = await settings.GetAsync(action.Workspace.Id, ct);
        var next = RoundCalendar.Next(s.PairingSchedule, s.PairingEveryWeeks, s.PairingAnchor, s.Zone, s.Window.Breaks, clock.GetUtcNow());
        if (!DateOnly.TryParseExact(action.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || next is null || TimeZones.LocalDate(s.Zone, next.Value) != day)
        {
            return new MessageReply(ChatMessage.Plain($"That round has already happened. To sit out the next one, type `{action.Prefix}skip`."));
        }

        return await members.SetSkipNextRoundAsync(action.Workspace.Id, action.Caller.UserId, skip: true, ct) is null
            ? new MessageReply(ProfileCommand.NotJoined(action.Prefix))
            : new MessageReply(SkipCommand.Answer(true, await SkipCommand.NextRoundAsync(settings, clock, action.Workspace.Id, ct), action.Prefix));
    }
}
