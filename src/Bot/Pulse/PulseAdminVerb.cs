using PeerBot.Bot.Admin;
using PeerBot.Bot.Commands;
using PeerBot.Matching.Pulse;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Pulse;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Pulse;

/// <summary>
/// <c>admin pulse now | questions q1 | q2 | q3 | questions default | schedule &lt;when&gt;</c>.</summary>
public sealed class PulseAdminVerb(PulseJob job, PulseStore pulses, PulseSettingsStore pulseSettings, WorkspaceSettingsStore settings, TimeProvider clock) : IAdminVerb
{
    public string Name => "pulse";

    public string Usage => "pulse now | questions <q1> | <q2> | <q3> | schedule <when>, e.g. pulse schedule every other friday 14:00";

    public bool Reschedules => true;

    public async Task<ChatMessage> HandleAsync(ChatCommand command, string arguments, CancellationToken ct)
    {
        var (what, rest) = CommandRouter.Split(arguments);
        return what switch
        {
            "now" => await NowAsync(command, ct),
            "questions" => await QuestionsAsync(command, rest, ct),
            "schedule" => await ScheduleAsync(command, rest, ct),
            _ => ChatMessage.Plain($"Try `{command.Prefix}admin pulse now`, `{command.Prefix}admin pulse questions How stressed are you? | How supported? | Is your workload sustainable?` (3–5, split by |; `default` restores ours), or `{command.Prefix}admin pulse schedule every other friday 14:00`."),
        };
    }

    private async Task<ChatMessage> NowAsync(ChatCommand command, CancellationToken ct)
    {
        if (await pulses.FindOpenAsync(command.Workspace.Id, clock.GetUtcNow(), ct) is { } open)
        {
            return ChatMessage.Plain($"A pulse is already open until {open.ClosesAt:ddd d MMM HH:mm} UTC; members can take it with `{command.Prefix}pulse`.");
        }

        var (_, invited, _) = await job.OpenAsync(command.Workspace.Id, $"now:{clock.GetUtcNow():yyyyMMddHHmmss}", Urgency.Now, ct);
        return ChatMessage.Plain($"Pulse opened: {invited} member{(invited == 1 ? "" : "s")} asked now. A reminder goes to those who haven't answered after {Days(PulseJob.ReminderAfter)}; it closes after {Days(PulseJob.OpenFor)}, and only then do coaches see its figures.");
    }

    private static string Days(TimeSpan span) => span.TotalDays == 1 ? "a day" : $"{span.TotalDays:0} days";

    private async Task<ChatMessage> QuestionsAsync(ChatCommand command, string text, CancellationToken ct)
    {
        if (text.Length == 0)
        {
            var current = (await pulseSettings.GetAsync(command.Workspace.Id, ct)).Questions;
            return ChatMessage.Plain("Pulse questions (1–5 each):\n" + string.Join("\n", current.Select((q, i) => $"{i + 1}. {q.Text}")));
        }

        if (text.Equals("default", StringComparison.OrdinalIgnoreCase))
        {
            await pulseSettings.SetQuestionsAsync(command.Workspace.Id, null, ct);
            return ChatMessage.Plain("Pulse questions are back to the defaults: stress, feeling supported, workload.");
        }

        if (PulseQuestions.TryParse(text, out var error) is not { } questions)
        {
            return ChatMessage.Plain(error);
        }

        await pulseSettings.SetQuestionsAsync(command.Workspace.Id, questions, ct);
        return ChatMessage.Plain($"Saved {questions.Count} questions for the next pulse (answered 1–5):\n" + string.Join("\n", questions.Select((q, i) => $"{i + 1}. {q.Text}")));
    }

    private async Task<ChatMessage> ScheduleAsync(ChatCommand command, string when, CancellationToken ct)
    {
        if (!ScheduleText.TryParse(when, out var parsed, out var error))
        {
            return ChatMessage.Plain(error);
        }

        var s = await settings.GetAsync(command.Workspace.Id, ct);
        var today = TimeZones.LocalDate(s.Zone, clock.GetUtcNow());
        await pulseSettings.SetScheduleAsync(command.Workspace.Id, parsed.Cron, parsed.EveryWeeks, today, ct);
        var next = RoundCalendar.Next(parsed.Cron, parsed.EveryWeeks, today, s.Zone, s.Window.Breaks, clock.GetUtcNow());
        return ChatMessage.Plain($"Pulses: {ScheduleText.Describe(parsed.Cron, parsed.EveryWeeks)} ({s.TimeZone}). Next: {ShowVerb.When(next, s.Zone)}.");
    }
}
