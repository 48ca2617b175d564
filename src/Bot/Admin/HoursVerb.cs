using System.Globalization;
using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Admin;

/// <summary><c>admin hours &lt;from&gt; &lt;until&gt;</c>: when scheduled messages may arrive, in each teacher's own time zone.</summary>
public sealed class HoursVerb(WorkspaceSettingsStore settings) : IAdminVerb
{
    public string Name => "hours";

    public string Usage => "hours <from> <until>, e.g. hours 15:00 19:00";

    public async Task<ChatMessage> HandleAsync(ChatCommand command, string arguments, CancellationToken ct)
    {
        var parts = arguments.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).Where(p => p != "to").ToArray();
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !TimeOnly.TryParseExact(parts[1], ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var until)
            || until <= from)
        {
            return ChatMessage.Plain($"Give the after-class window as two times, earlier first, e.g. `{command.Prefix}admin hours 15:00 19:00`.");
        }

        await settings.SetSendingHoursAsync(command.Workspace.Id, from, until, ct);
        return ChatMessage.Plain($"Scheduled messages now arrive on school days between {from:HH:mm} and {until:HH:mm}, in each teacher's own time zone.");
    }
}
