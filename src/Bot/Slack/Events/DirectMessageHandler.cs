using PeerBot.Bot.Chat;
using PeerBot.Bot.Commands;
using PeerBot.Bot.Commands.Profiles;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Slack.Events;

/// <summary><c>message.im</c>: a DM to the bot is the same grammar as <c>/peer</c>, without the slash ("find math 6-8").</summary>
public sealed class DirectMessageHandler(CommandRouter router, ReplyPath replies, SlackChatGateway gateway) : ISlackEventHandler
{
    public IReadOnlyList<string> EventTypes { get; } = ["message"];

    public async Task HandleAsync(SlackEvent slackEvent, CancellationToken ct)
    {
        // Edits, joins and other subtypes are not requests; bots (PeerBot included) never get answers, so two bots cannot loop.
        if (slackEvent.Field("channel_type") != "im" || slackEvent.Has("subtype") || slackEvent.Has("bot_id")
            || slackEvent.Field("user") is not { Length: > 0 } userId || userId == slackEvent.BotUserId)
        {
            return;
        }

        var command = CommandRouter.Parse(slackEvent.Workspace, new ChatCaller(userId, userId), slackEvent.Field("text") ?? "", "");
        // A failure (a cancellation nobody asked for included) is answered with the same apology as everywhere.
        var reply = await replies.SettleAsync(DispatchAsync(command, ct));
        var message = reply switch
        {
            MessageReply m => m.Message,
            // A DM carries no trigger_id, so Slack cannot open a modal from it: offer the button (whose click can) and the inline form.
            FormReply f => FormFromDirectMessage(command.Verb),
            _ => null,
        };
        if (message is not null)
        {
            // Keyed by the event: a redelivery finds the reply already sent.
            await gateway.DeliverAsync(slackEvent.Workspace, new OutgoingMessage($"dm-reply:{slackEvent.EventId}", [userId], message), ct);
        }
    }

    private async Task<CommandReply?> DispatchAsync(ChatCommand command, CancellationToken ct) => await router.DispatchAsync(command, ct);

    private static ChatMessage FormFromDirectMessage(string verb)
    {
        var text = $"Click below to open the form, or type the fields right here, e.g. `{ProfileText.InlineExample}`";
        return new ChatMessage(text, [new TextBlock(text), new ButtonsBlock([new ChatButton(verb == "join" ? "Join PeerBot" : "Open the form", ProfileActions.Edit, "", ButtonStyle.Primary)])]);
    }
}
