using PeerBot.Bot.Admin;
using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Ask;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Ask;

/// <summary><c>admin support here | off</c>: the peer-support channel, where a question nobody claimed for two school days is posted anonymously.</summary>
public sealed class SupportVerb(AskChannels channels) : IAdminVerb
{
    public string Name => "support";

    public string Usage => "support here | off — the peer-support channel for questions nobody picked up";

    public async Task<ChatMessage> HandleAsync(ChatCommand command, string arguments, CancellationToken ct)
    {
        switch (arguments.Trim().ToLowerInvariant())
        {
            case "here" when command.Place is { } place:
                await channels.SetAsync(command.Workspace.Id, place.ChannelId, place.Name, ct);
                return ChatMessage.Plain($"Questions nobody picked up for two school days will be posted here{(place.Name is { Length: > 0 } n ? $" (#{n})" : "")}, anonymously. `{command.Prefix}admin support off` stops it.");
            case "here":
                return ChatMessage.Plain($"Type `{command.Prefix}admin support here` in the peer-support channel (mention PeerBot there in Teams).");
            case "off":
                await channels.SetAsync(command.Workspace.Id, null, null, ct);
                return ChatMessage.Plain("Unanswered questions are no longer posted in a channel.");
            default:
                return ChatMessage.Plain((await channels.GetAsync(command.Workspace.Id, ct)) is { } c
                    ? $"Unanswered questions go to {(c.Name is { Length: > 0 } name ? "#" + name : "the channel an admin chose")}. `{command.Prefix}admin support off` stops it."
                    : $"No peer-support channel yet. `{command.Prefix}admin support here` in a channel sets it.");
        }
    }
}
