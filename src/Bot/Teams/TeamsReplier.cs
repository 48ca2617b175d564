using System.Text.Json.Nodes;
using PeerBot.Bot.Chat;
using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Teams;

/// <summary>Teams' rendering and transport for the shared <see cref="ReplyPath"/>: answers an activity in the conversation it came from (a channel reply lands in the thread of the mention).</summary>
public sealed partial class TeamsReplier(BotConnector connector, ReplyPath replies, ILogger<TeamsReplier> log)
{
    /// <summary>Work that outlives the HTTP request stops only when a graceful stop runs out of time.</summary>
    public CancellationToken Stopping => replies.Stopping;

    public static JsonObject Render(CommandReply reply) => reply switch
    {
        FormReply f => AdaptiveCards.CardActivity(AdaptiveCards.Form(f.Form)),
        MessageReply m => AdaptiveCards.MessageActivity(m.Message),
        _ => AdaptiveCards.MessageActivity(ReplyPath.SomethingWentWrong),
    };

    public Task TypingAsync(TeamsActivity to) => SendAsync(to, new JsonObject { ["type"] = "typing" });

    public Task ReplyAsync(TeamsActivity to, CommandReply reply) => SendAsync(to, Render(reply));

    /// <summary>Sends, logging instead of throwing: the person already got a typing sign, and Teams must still get its 200.</summary>
    public async Task SendAsync(TeamsActivity to, JsonObject activity)
    {
        if (to.Id is { Length: > 0 } id)
        {
            activity["replyToId"] = id;
        }

        try
        {
            await connector.SendAsync(to.ServiceUrl, to.ConversationId, activity, Stopping);
        }
        catch (Exception e) when (e is HttpRequestException or ChatDeliveryException or ChatRateLimitedException or OperationCanceledException)
        {
            LogReplyFailed(to.TenantId ?? "", e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver a reply in Teams tenant {TenantId}: {Error}")]
    private partial void LogReplyFailed(string tenantId, string error);
}
