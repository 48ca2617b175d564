using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Admin;

/// <summary>
/// <c>admin intros here | private</c>: introduce pairs and pods in this channel (Teams: one new thread each, mentioning
/// them), or — the default — in a conversation of their own.
/// </summary>
public sealed class IntrosVerb(WorkspaceSettingsStore settings) : IAdminVerb
{
    public string Name => "intros";

    public string Usage => "intros here | private — where pairs and pods are introduced";

    public async Task<ChatMessage> HandleAsync(ChatCommand command, string arguments, CancellationToken ct)
    {
        switch (arguments.Trim().ToLowerInvariant())
        {
            case "here" when command.Place is { } place:
                await settings.SetIntroChannelAsync(command.Workspace.Id, place.ChannelId, place.Name, ct);
                return ChatMessage.Plain(
                    $"From now on, pairs and pods are introduced in {Describe(place)}, each in its own message that mentions them. Only people who joined are mentioned. To go back to private introductions: `{command.Prefix}admin intros private`.");
            case "here":
                return ChatMessage.Plain($"Type `{command.Prefix}admin intros here` in the channel where introductions should go (mention PeerBot there in Teams).");
            case "private":
                await settings.SetIntroChannelAsync(command.Workspace.Id, null, null, ct);
                return ChatMessage.Plain("Pairs and pods are introduced privately again, in a conversation of their own.");
            default:
                var current = await settings.GetAsync(command.Workspace.Id, ct);
                return ChatMessage.Plain(current.IntroChannel is { } channel
                    ? $"Introductions go to {Describe(new ChatPlace(channel, current.IntroChannelName), "the channel an admin chose")}. Change it with `{command.Prefix}admin intros here` (in another channel) or `{command.Prefix}admin intros private`."
                    : $"Introductions are private (a conversation of their own). `{command.Prefix}admin intros here` in a channel sends them there instead.");
        }
    }

    private static string Describe(ChatPlace place, string unnamed = "this channel") => place.Name is { Length: > 0 } name ? $"#{name}" : unnamed;
}
