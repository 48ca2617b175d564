using PeerBot.Bot.Admin;
using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Pulse;

/// <summary><c>admin resources &lt;text&gt;</c>: support shown privately to a member who answers the pulse with very high stress.</summary>
public sealed class ResourcesVerb(PulseSettingsStore pulseSettings) : IAdminVerb
{
    public string Name => "resources";

    public string Usage => "resources <who to reach and how> | resources clear, e.g. resources EAP 0800 123 456 (24/7) · #wellbeing";

    public async Task<ChatMessage> HandleAsync(ChatCommand command, string arguments, CancellationToken ct)
    {
        var text = arguments.Trim();
        if (text.Length == 0)
        {
            var current = (await pulseSettings.GetAsync(command.Workspace.Id, ct)).Resources;
            return ChatMessage.Plain(current.Length == 0
                ? $"No support resources yet. Add them with e.g. `{command.Prefix}admin resources Employee assistance: 0800 123 456 (24/7) · #wellbeing channel`."
                : $"Shown privately to a member who reports very high stress (never reported to anyone):\n{current}");
        }

        if (text.Length > 1500)
        {
            return ChatMessage.Plain($"Please keep the resources under 1500 characters (this is {text.Length}).");
        }

        var clear = text.Equals("clear", StringComparison.OrdinalIgnoreCase);
        await pulseSettings.SetResourcesAsync(command.Workspace.Id, clear ? "" : text, ct);
        return ChatMessage.Plain(clear
            ? "Support resources cleared; members with very high stress will be pointed to their employee assistance programme."
            : "Saved. A member whose pulse shows very high stress sees these, privately — nobody else is told.");
    }
}
