using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Admin;

/// <summary><c>admin schedule pairing|checkin &lt;cron or plain words&gt;</c>.</summary>
public sealed class ScheduleVerb(WorkspaceSettingsStore settings, TimeProvider clock) : IAdminVerb
{
    public string Name => "schedule";

    public string Usage => "schedule pairing|checkin <when>, e.g. schedule pairing every other monday 8:00";

    public bool Reschedules => true;

    public async Task<ChatMessage> HandleAsync(ChatCommand command, string arguments, CancellationToken ct)
    {
        var (which, when) = CommandRouter.Split(arguments);
        if (which is not ("pairing" or "checkin") || when.Length == 0)
        {
            return ChatMessage.Plain($"Say which schedule and when, e.g. `{command.Prefix}admin schedule pairing every other monday 8:00` or `{command.Prefix}admin schedule checkin thursday 15:30`.");
        }

        if (!ScheduleText.TryParse(when, out var parsed, out var error))
        {
            return ChatMessage.Plain(error);
        }

        var current = await settings.GetAsync(command.Workspace.Id, ct);
        if (which == "pairing")
        {
            // "Every other" counts from this week: the next matching day is a round day.
            var today = TimeZones.LocalDate(current.Zone, clock.GetUtcNow());
            await settings.SetPairingScheduleAsync(command.Workspace.Id, parsed.Cron, parsed.EveryWeeks, today, ct);
        }
        else
        {
            await settings.SetCheckInScheduleAsync(command.Workspace.Id, parsed.Cron, ct);
        }

        var saved = await settings.GetAsync(command.Workspace.Id, ct);
        var next = which == "pairing"
            ? RoundCalendar.Next(saved.PairingSchedule, saved.PairingEveryWeeks, saved.PairingAnchor, saved.Zone, saved.Window.Breaks, clock.GetUtcNow())
            : RoundCalendar.Next(saved.CheckInSchedule, 1, saved.PairingAnchor, saved.Zone, saved.Window.Breaks, clock.GetUtcNow());
        var label = which == "pairing" ? "Pairing rounds" : "Check-in nudges";
        return ChatMessage.Plain($"{label}: {ScheduleText.Describe(parsed.Cron, which == "pairing" ? parsed.EveryWeeks : 1)} ({saved.TimeZone}). Next: {ShowVerb.When(next, saved.Zone)}.");
    }
}
