using System.Text.Json.Nodes;
using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Teams;

/// <summary>Answers an activity in the conversation it came from (a channel reply lands in the thread of the mention).</summary>
public sealed partial class TeamsReplier(BotConnector connector, IHostApplicationLifetime lifetime, ILogger<TeamsReplier> log)
{
    public static readonly ChatMessage SomethingWentWrong = ChatMessage.Plain(
        "Sorry — something went wrong on my side and I couldn't finish that. Nothing you saved was lost; please try again in a minute.");

    /// <summary>Work that outlives the HTTP request stops with the app, not with the request.</summary>
    public CancellationToken AppStopping => lifetime.ApplicationStopping;

    public static JsonObject Render(CommandReply reply) => reply switch
    {
        FormReply f => AdaptiveCards.CardActivity(AdaptiveCards.Form(f.Form)),
        MessageReply m => AdaptiveCards.MessageActivity(m.Message),
        _ => AdaptiveCards.MessageActivity(SomethingWentWrong),
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
            await connector.SendAsync(to.ServiceUrl, to.ConversationId, activity, AppStopping);
        }
        catch (Exception e) when (e is HttpRequestException or ChatDeliveryException or ChatRateLimitedException or OperationCanceledException)
        {
            LogReplyFailed(to.TenantId ?? "", e.Message);
        }
    }

    /// <summary>The handler's reply, or a kind apology when it failed (the failure is logged, never shown).</summary>
    public async Task<CommandReply?> SettleAsync(Task<CommandReply?> work)
    {
        try
        {
            return await work;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogHandlerFailed(e);
            return new MessageReply(SomethingWentWrong);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver a reply in Teams tenant {TenantId}: {Error}")]
    private partial void LogReplyFailed(string tenantId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A command handler failed on a Teams activity")]
    private partial void LogHandlerFailed(Exception e);
}
