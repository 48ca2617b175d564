using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PeerBot.Bot.Chat;
using PeerBot.Bot.Commands;
using PeerBot.Bot.Workspaces;
using PeerBot.Scheduler.Workspaces;
using static PeerBot.Bot.Chat.JsonRead;

namespace PeerBot.Bot.Teams;

/// <summary>
/// <c>POST /api/messages</c>: authenticated Bot Framework activities become platform-neutral commands,
/// form submissions and clicks. The workspace is the Teams tenant.
/// </summary>
public sealed partial class TeamsMessagesEndpoint(
    BotFrameworkAuthenticator authenticator,
    WorkspaceDirectory workspaces,
    TeamsConversations conversations,
    CommandRouter router,
    TeamsCardActions cards,
    TeamsReplier replier,
    ReplyPath replies,
    WorkspaceOffboarder offboarder,
    IOptions<TeamsOptions> options,
    ILogger<TeamsMessagesEndpoint> log)
{
    /// <summary>Teams activities (messages, card submits) are a few kilobytes; anything past this is refused unread.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        // The token is checked before a byte of the body is read; the body is then read up to a small limit.
        var (verdict, token) = await authenticator.ValidateTokenAsync(context.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, ct);
        if (verdict != InboundCheck.Valid)
        {
            return Results.StatusCode((int)verdict);
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            LogTooLarge(context.Request.ContentLength ?? 0);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        TeamsActivity? activity;
        try
        {
            await using var limited = new LimitedStream(context.Request.Body, MaxBodyBytes);
            using var json = await JsonDocument.ParseAsync(limited, cancellationToken: ct);
            activity = TeamsActivity.Parse(json.RootElement.Clone());
        }
        catch (BodyTooLargeException)
        {
            LogTooLarge(MaxBodyBytes);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        catch (JsonException)
        {
            activity = null;
        }

        if (activity is null)
        {
            LogMalformed();
            return Results.BadRequest("The body must be a Bot Framework activity");
        }

        verdict = await authenticator.CheckActivityAsync(token!, activity, ct);
        if (verdict != InboundCheck.Valid)
        {
            return Results.StatusCode((int)verdict);
        }

        if (activity.TenantId is not { Length: > 0 } tenantId)
        {
            LogNoTenant(activity.Type);
            return Results.Ok();
        }

        var workspace = await workspaces.GetOrCreateAsync(TeamsChatGateway.PlatformName, tenantId, "", ct);
        if (activity.RemovesBot)
        {
            return await RemovedAsync(workspace, activity, ct);
        }

        await conversations.SaveAsync(workspace.Id, activity, ct);
        return activity switch
        {
            { Type: "message" } => await MessageAsync(workspace, activity),
            { Type: "invoke", Name: TeamsCardActions.InvokeName, Value: { } value } =>
                Results.Json(TeamsCardActions.InvokeResponse(await cards.HandleAsync(workspace, activity, ActionData(value), replies.Stopping))),
            { Type: "installationUpdate", Action: "add", IsPersonal: true } => await WelcomeAsync(workspace, activity),
            { Type: "conversationUpdate", IsPersonal: true } when activity.MembersAdded.Contains(activity.Recipient.Id) => await WelcomeAsync(workspace, activity),
            _ => Results.Ok(),
        };
    }

    private async Task<IResult> MessageAsync(Workspace workspace, TeamsActivity activity)
    {
        var work = TeamsCardActions.IsCardSubmit(activity.Value)
            ? SubmitAsync(workspace, activity, activity.Value!.Value)
            : DispatchAsync(CommandRouter.Parse(workspace, new ChatCaller(activity.From.Id, activity.From.Name), activity.TextWithoutBotMention(), prefix: "")
                with { Place = activity.TeamsChannel is { } channel ? new ChatPlace(channel, activity.TeamsChannelName) { RepliesShared = true } : null });
        // Teams wants a sign of life within two seconds: typing, and the answer follows when it is ready.
        var onTime = await replies.AnswerAsync(work, options.Value.TypingAfter,
            acknowledge: () =>
            {
                LogSlow(workspace.Id);
                return replier.TypingAsync(activity);
            },
            answerLate: reply => replier.ReplyAsync(activity, reply));
        if (onTime?.Reply is { } reply)
        {
            await replier.ReplyAsync(activity, reply);
        }

        return Results.Ok();
    }

    private async Task<CommandReply?> DispatchAsync(ChatCommand command) => await router.DispatchAsync(command, replies.Stopping);

    private async Task<CommandReply?> SubmitAsync(Workspace workspace, TeamsActivity activity, JsonElement value) =>
        (await cards.HandleAsync(workspace, activity, value, replies.Stopping)).Reply;

    /// <summary>
    /// Teams has no "uninstalled from the tenant" event: each chat and team says so for itself. The conversation is forgotten,
    /// and once PeerBot is in no chat of the tenant any more, the tenant is offboarded as Slack's app_uninstalled would.
    /// </summary>
    private async Task<IResult> RemovedAsync(Workspace workspace, TeamsActivity activity, CancellationToken ct)
    {
        var left = await conversations.ForgetAsync(workspace.Id, activity.ConversationId, ct);
        LogRemoved(workspace.Id, activity.ConversationType, left);
        if (left == 0)
        {
            await offboarder.OffboardAsync(workspace, $"Teams {activity.Type} in its last conversation", ct);
        }

        return Results.Ok();
    }

    /// <summary>One welcome per 1:1 chat: Teams sends both conversationUpdate and installationUpdate on install, and repeats them.</summary>
    private async Task<IResult> WelcomeAsync(Workspace workspace, TeamsActivity activity)
    {
        if (await conversations.ClaimWelcomeAsync(workspace.Id, activity.ConversationId, replies.Stopping))
        {
            LogWelcome(workspace.Id);
            await replier.SendAsync(activity with { Id = null }, AdaptiveCards.MessageActivity(TeamsWelcome.Build(router.Verbs)));
        }

        return Results.Ok();
    }

    /// <summary><c>value.action.data</c> of an Action.Execute, with the verb standing in when the data names nothing.</summary>
    private static JsonElement ActionData(JsonElement value)
    {
        var action = value.TryGetProperty("action", out var a) ? a : default;
        var data = action.ValueKind == JsonValueKind.Object && action.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object
            ? JsonObject.Create(d)!
            : [];
        if (!data.ContainsKey(AdaptiveCards.FormKey) && !data.ContainsKey(AdaptiveCards.ActionKey))
        {
            data[AdaptiveCards.ActionKey] = Str(action, "verb") ?? "";
        }

        return JsonSerializer.SerializeToElement(data);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Teams request of {Bytes} bytes or more: 413")]
    private partial void LogTooLarge(long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Teams request whose body is not an activity")]
    private partial void LogMalformed();

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a Teams {Type} activity without a tenant")]
    private partial void LogNoTenant(string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams message in workspace {WorkspaceId} outran the typing budget: typing sent, answer follows")]
    private partial void LogSlow(Guid workspaceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "PeerBot was removed from a Teams {ConversationType} conversation in workspace {WorkspaceId}; {Left} conversations remain")]
    private partial void LogRemoved(Guid workspaceId, string conversationType, int left);

    [LoggerMessage(Level = LogLevel.Information, Message = "Welcomed a new Teams user in workspace {WorkspaceId}")]
    private partial void LogWelcome(Guid workspaceId);
}
