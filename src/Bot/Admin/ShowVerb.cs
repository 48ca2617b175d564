using System.Globalization;
using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Admin;

/// <summary><c>admin show</c>: the rhythm, what comes next, and messages that could not be delivered.</summary>
public sealed class ShowVerb(WorkspaceSettingsStore settings, Outbox outbox, PeerBot.Scheduler.Members.QuietMembers quiet, TimeProvider clock) : IAdminVerb
{
    public string Name => "show";

    public string Usage => "show";

    public async Task<ChatMessage> HandleAsync(ChatCommand command, string arguments, CancellationToken ct)
    {
        var s = await settings.GetAsync(command.Workspace.Id, ct);
        var now = clock.GetUtcNow();
        var today = TimeZones.LocalDate(s.Zone, now);
        var nextRound = RoundCalendar.Next(s.PairingSchedule, s.PairingEveryWeeks, s.PairingAnchor, s.Zone, s.Window.Breaks, now);
        var nextNudge = RoundCalendar.Next(s.CheckInSchedule, 1, s.PairingAnchor, s.Zone, s.Window.Breaks, now);
        var breaks = s.Window.Breaks.Where(b => b.Ends >= today).Select(b => $"{b.Starts:yyyy-MM-dd} to {b.Ends:yyyy-MM-dd}").ToList();
        var counts = await outbox.CountsAsync(command.Workspace.Id, ct);
        var dead = await outbox.DeadLettersAsync(command.Workspace.Id, 5, ct);

        var fields = new List<MessageField>
        {
            new("Time zone", s.TimeZone),
            new("Pairing rounds", $"{ScheduleText.Describe(s.PairingSchedule, s.PairingEveryWeeks)} — next {When(nextRound, s.Zone)}"),
            new("Check-in nudges", $"{ScheduleText.Describe(s.CheckInSchedule, 1)} — next {When(nextNudge, s.Zone)}"),
            new("Pod size", s.PodSize.ToString(CultureInfo.InvariantCulture)),
            new("Message hours", $"school days {s.Window.From:HH:mm}–{s.Window.Until:HH:mm}, each teacher's time zone"),
            new("School breaks", breaks.Count == 0 ? "none ahead" : string.Join(", ", breaks)),
            new("Video link", s.VideoLink ?? "none"),
            new("Quiet members", $"{await quiet.CountAsync(command.Workspace.Id, now, ct)} paused after {await quiet.RoundsAsync(command.Workspace.Id, ct)} rounds without meeting or a check-in (each can tap I'm back)"),
            new("Outbox", $"{Count(counts, OutboxState.Pending) + Count(counts, OutboxState.Sending)} waiting, {Count(counts, OutboxState.Sent)} sent, {Count(counts, OutboxState.Dead)} undeliverable"),
        };
        var blocks = new List<MessageBlock> { new TextBlock("**PeerBot settings for this workspace**"), new FieldsBlock(fields) };
        var text = string.Join("\n", fields.Select(f => $"{f.Label}: {f.Value}"));
        if (dead.Count > 0)
        {
            var lines = string.Join("\n", dead.Select(d => $"• {d.Purpose} to {string.Join(", ", d.Recipients)} — {d.LastError} ({d.Attempts} tries)"));
            blocks.Add(new TextBlock($"**Undeliverable messages** (most recent {dead.Count}):\n{lines}"));
            text += $"\nUndeliverable messages:\n{lines}";
        }

        blocks.Add(new NoteBlock($"Change with `{command.Prefix}admin schedule …`, `timezone …`, `break …`, `pods …`, `hours …`, `quiet …`, `video …`."));
        return new ChatMessage(text, blocks);
    }

    public static string When(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } t ? TimeZoneInfo.ConvertTime(t, zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture) : "not within a year";

    private static long Count(IReadOnlyDictionary<OutboxState, long> counts, OutboxState state) => counts.GetValueOrDefault(state);
}
