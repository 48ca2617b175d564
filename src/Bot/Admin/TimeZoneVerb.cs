using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Admin;

/// <summary><c>admin timezone &lt;IANA&gt;</c>: the zone schedules run in (and the default for people without one).</summary>
public sealed class TimeZoneVerb(WorkspaceSettingsStore settings) : IAdminVerb
{
    public string Name => "timezone";

    public string Usage => "timezone <IANA zone>, e.g. timezone America/Chicago";

    public bool Reschedules => true;

    public async Task<ChatMessage> HandleAsync(ChatCommand command, string arguments, CancellationToken ct)
    {
        if (!TimeZones.TryFind(arguments, out var zone) || !zone.HasIanaId)
        {
            return ChatMessage.Plain($"\"{arguments}\" is not a time zone I know. Use an IANA name like `America/Chicago`, `Europe/Berlin` or `Asia/Tokyo`: `{command.Prefix}admin timezone America/Chicago`.");
        }

        await settings.SetTimeZoneAsync(command.Workspace.Id, zone.Id, ct);
        return ChatMessage.Plain($"Time zone set to {zone.Id}. Schedules now run on {zone.Id} time.");
    }
}
