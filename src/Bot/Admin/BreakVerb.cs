using System.Globalization;
using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Admin;

/// <summary><c>admin break &lt;from&gt; &lt;to&gt;</c>: a school break with no rounds, nudges or pulses.</summary>
public sealed class BreakVerb(WorkspaceSettingsStore settings) : IAdminVerb
{
    public string Name => "break";

    public string Usage => "break <from> <to>, e.g. break 2026-12-21 2027-01-01";

    public async Task<ChatMessage> HandleAsync(ChatCommand command, string arguments, CancellationToken ct)
    {
        var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => p is not ("to" or "-" or "until")).ToArray();
        if (parts.Length != 2
            || !DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            return ChatMessage.Plain($"Give the first and last day of the break as dates, e.g. `{command.Prefix}admin break 2026-12-21 2027-01-01`.");
        }

        if (to < from)
        {
            return ChatMessage.Plain($"The break ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}): swap the dates?");
        }

        await settings.AddBreakAsync(command.Workspace.Id, new SchoolBreak(from, to), ct);
        return ChatMessage.Plain($"School break saved: {from:ddd d MMM yyyy} to {to:ddd d MMM yyyy}. No rounds, nudges or pulses then; anything due waits until school is back.");
    }
}
