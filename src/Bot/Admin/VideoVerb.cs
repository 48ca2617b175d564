using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Meetings;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Admin;

/// <summary>
/// <c>admin video https://… | off</c>: the video-call link added to introductions and meeting invitations; <c>{pair}</c>
/// in it gives each pair or pod a room of its own.
/// </summary>
public sealed class VideoVerb(WorkspaceSettingsStore settings) : IAdminVerb
{
    public string Name => "video";

    public string Usage => "video https://… | off — a video-call link in introductions and invitations";

    public async Task<ChatMessage> HandleAsync(ChatCommand command, string arguments, CancellationToken ct)
    {
        // Slack wraps links it recognises in <…> (or <…|label>).
        var link = arguments.Trim().TrimStart('<').TrimEnd('>').Split('|')[0].Trim();
        var example = $"`{command.Prefix}admin video https://meet.example.org/{VideoLink.PairPlaceholder}`";
        switch (link.ToLowerInvariant())
        {
            case "":
                var current = (await settings.GetAsync(command.Workspace.Id, ct)).VideoLink;
                return ChatMessage.Plain(current is null
                    ? $"No video link yet. {example} adds one to introductions and meeting invitations ({VideoLink.PairPlaceholder} gives each pair or pod its own room)."
                    : $"Introductions and invitations include {current}. `{command.Prefix}admin video off` removes it.");
            case "off" or "none" or "remove":
                await settings.SetVideoLinkAsync(command.Workspace.Id, null, ct);
                return ChatMessage.Plain("Done — introductions and meeting invitations no longer include a video link.");
            default:
                if (!VideoLink.IsValid(link))
                {
                    return ChatMessage.Plain($"That doesn't look like a secure web address. Give the whole https link of your video room, e.g. {example} ({VideoLink.PairPlaceholder} becomes each pair's or pod's own room).");
                }

                await settings.SetVideoLinkAsync(command.Workspace.Id, link, ct);
                var rooms = link.Contains(VideoLink.PairPlaceholder, StringComparison.OrdinalIgnoreCase) ? " Each pair or pod gets a room of its own." : "";
                return ChatMessage.Plain($"Done — new introductions and meeting invitations include {link}.{rooms} `{command.Prefix}admin video off` removes it.");
        }
    }
}
