using System.Text.Json;
using Microsoft.Extensions.Options;
using PeerBot.Bot.Chat;
using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Slack;

/// <summary>
/// Slack's rendering and transport for the shared <see cref="ReplyPath"/>: a reply ready within the acknowledgement budget
/// goes back in the HTTP response; a later one through <c>response_url</c> (or a DM where there is none); a form opens as a modal.
/// </summary>
public sealed partial class SlackResponder(
    ReplyPath replies,
    SlackApiClient api,
    SlackChatGateway gateway,
    IOptions<SlackOptions> options,
    ILogger<SlackResponder> log)
{
    /// <summary>The token for work that outlives the HTTP request: cancelled only when a graceful stop runs out of time.</summary>
    public CancellationToken Stopping => replies.Stopping;

    public async Task<IResult> RespondAsync(Task<CommandReply?> work, SlackReplyContext context)
    {
        var onTime = await replies.AnswerAsync(work, options.Value.AckBudget,
            acknowledge: () =>
            {
                LogSlow(context.TeamId);
                return Task.CompletedTask;
            },
            answerLate: reply => AnswerLateAsync(reply, context));
        return onTime?.Reply switch
        {
            MessageReply m => Results.Json(BlockKit.Ephemeral(m.Message), SlackJson.Options),
            FormReply f => await OpenFormAsync(f.Form, context) is { } fallback ? Results.Json(BlockKit.Ephemeral(fallback), SlackJson.Options) : Results.Ok(),
            _ => Results.Ok(),
        };
    }

    /// <summary>
    /// Answers a button click. Slack ignores the body of a <c>block_actions</c> acknowledgement, so the click is
    /// acknowledged at once and its reply goes to <c>response_url</c> — or, from the App Home (which has none), as a DM.
    /// A click inside a modal is answered in that modal: its message replaces what the modal shows, its form is stacked on it.
    /// </summary>
    public IResult RespondToClick(Task<CommandReply?> work, SlackReplyContext context, string userId, Scheduler.Workspaces.Workspace workspace)
    {
        replies.Later(work, async reply =>
        {
            var message = context.ViewId is { } viewId ? await AnswerInModalAsync(reply, viewId, context) : await MessageForAsync(reply, context);
            if (message is not null)
            {
                await DeliverAsync(message, context, userId, workspace);
            }
        });
        return Results.Ok();
    }

    /// <summary>Shows the answer in the modal clicked in; returns what to send as a DM instead when Slack would not.</summary>
    private async Task<ChatMessage?> AnswerInModalAsync(CommandReply reply, string viewId, SlackReplyContext context)
    {
        try
        {
            switch (reply)
            {
                case MessageReply m:
                    await gateway.UpdateViewAsync(context.TeamId, viewId, context.ViewHash, BlockKit.MessageModal(m.Message), Stopping);
                    return null;
                case FormReply f when context.TriggerId is { Length: > 0 } trigger:
                    var metadata = JsonSerializer.Serialize(new FormMetadata(f.Form.State, null, context.Prefix), SlackJson.Options);
                    await gateway.PushFormAsync(context.TeamId, trigger, f.Form, metadata, Stopping);
                    return null;
                case FormReply f:
                    return FormUnavailable(f.Form, context.Prefix);
                default:
                    return null;
            }
        }
        catch (Exception e) when (e is HttpRequestException or SlackApiException or InvalidOperationException)
        {
            // The modal was closed or changed meanwhile (not_found, hash_conflict), or the trigger ran out: a DM still reaches them.
            LogModalNotUpdated(context.TeamId, e.Message);
            return reply switch
            {
                MessageReply m => m.Message,
                FormReply f => FormUnavailable(f.Form, context.Prefix),
                _ => null,
            };
        }
    }

    /// <summary>
    /// Answers a global shortcut, which carries a trigger but no response_url: acknowledged at once, then its form opens
    /// as a modal, or its message shows in one, with the trigger (single use, 3 s). When Slack will not open it, the
    /// message (or the form's typed alternative) comes as a DM instead.
    /// </summary>
    public IResult RespondToShortcut(Task<CommandReply?> work, SlackReplyContext context, string userId, Scheduler.Workspaces.Workspace workspace)
    {
        replies.Later(work, async reply =>
        {
            var instead = reply switch
            {
                FormReply f => await OpenFormAsync(f.Form, context),
                MessageReply m => await ShowInModalAsync(m.Message, context),
                _ => null,
            };
            if (instead is not null)
            {
                await DeliverAsync(instead, context, userId, workspace);
            }
        });
        return Results.Ok();
    }

    /// <summary>Shows a message in a modal; returns it back when Slack would not open the modal.</summary>
    private async Task<ChatMessage?> ShowInModalAsync(ChatMessage message, SlackReplyContext context)
    {
        if (context.TriggerId is not { Length: > 0 } trigger)
        {
            return message;
        }

        try
        {
            await gateway.OpenViewAsync(context.TeamId, trigger, BlockKit.MessageModal(message), Stopping);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or SlackApiException or InvalidOperationException)
        {
            LogFormFailed(context.TeamId, e.Message);
            return message;
        }
    }

    /// <summary>Sends a message after the request was answered (a form's confirmation), tracked like a late reply.</summary>
    public void DeliverLater(ChatMessage message, SlackReplyContext context, string userId, Scheduler.Workspaces.Workspace workspace) =>
        replies.Send(() => DeliverAsync(message, context, userId, workspace));

    /// <summary>Sends a message to where the request came from (response_url), or as a DM when there is none.</summary>
    private async Task DeliverAsync(ChatMessage message, SlackReplyContext context, string userId, Scheduler.Workspaces.Workspace workspace)
    {
        try
        {
            if (context.ResponseUrl is { } url)
            {
                await api.PostToResponseUrlAsync(url, BlockKit.Ephemeral(message), Stopping);
            }
            else
            {
                await gateway.DeliverAsync(workspace, new OutgoingMessage($"reply:{Guid.NewGuid():N}", [userId], message), Stopping);
            }
        }
        catch (Exception e) when (e is HttpRequestException or SlackApiException or ChatDeliveryException or ChatRateLimitedException or InvalidOperationException or OperationCanceledException)
        {
            LogDeliveryFailed(context.TeamId, e.Message);
        }
    }

    private async Task AnswerLateAsync(CommandReply reply, SlackReplyContext context)
    {
        try
        {
            if (await MessageForAsync(reply, context) is { } message && context.ResponseUrl is { } url)
            {
                await api.PostToResponseUrlAsync(url, BlockKit.Ephemeral(message), Stopping);
            }
        }
        catch (Exception e) when (e is HttpRequestException or SlackApiException or InvalidOperationException or OperationCanceledException)
        {
            LogDeliveryFailed(context.TeamId, e.Message);
        }
    }

    /// <summary>What to show: the reply's message, or (after opening its form) a fallback when the form would not open.</summary>
    private async Task<ChatMessage?> MessageForAsync(CommandReply reply, SlackReplyContext context) => reply switch
    {
        MessageReply m => m.Message,
        FormReply f => await OpenFormAsync(f.Form, context),
        _ => null,
    };

    /// <summary>Opens the modal; returns a message to show instead when Slack would not open it.</summary>
    private async Task<ChatMessage?> OpenFormAsync(ChatForm form, SlackReplyContext context)
    {
        if (context.TriggerId is not { Length: > 0 } trigger)
        {
            return FormUnavailable(form, context.Prefix);
        }

        try
        {
            var metadata = JsonSerializer.Serialize(new FormMetadata(form.State, context.ResponseUrl?.ToString(), context.Prefix), SlackJson.Options);
            await gateway.OpenFormAsync(context.TeamId, trigger, form, metadata, Stopping);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or SlackApiException or InvalidOperationException)
        {
            LogFormFailed(context.TeamId, e.Message);
            return FormUnavailable(form, context.Prefix);
        }
    }

    /// <summary>The form's own typed alternative, when it has one.</summary>
    private static ChatMessage FormUnavailable(ChatForm form, string prefix) => ChatMessage.Plain(form.TypedInstead is { } typed
        ? $"I couldn't open the form just now. You can type it instead, e.g. `{prefix}{typed}`"
        : "I couldn't open the form just now. Please try again in a minute.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack request in team {TeamId} outran the acknowledgement budget: answering via response_url")]
    private partial void LogSlow(string teamId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open a Slack modal in team {TeamId}: {Error}")]
    private partial void LogFormFailed(string teamId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not answer in the Slack modal clicked in team {TeamId} ({Error}): answering by DM")]
    private partial void LogModalNotUpdated(string teamId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver a reply in Slack team {TeamId}: {Error}")]
    private partial void LogDeliveryFailed(string teamId, string error);
}

/// <summary>What a modal carries in <c>private_metadata</c> so its submission can be answered where it started.</summary>
public sealed record FormMetadata(string State, string? ResponseUrl, string Prefix);
