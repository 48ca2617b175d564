using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PeerBot.Bot.Commands;
using PeerBot.Bot.Commands.Profiles;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Slack;

/// <summary>
/// Answers Slack within its three seconds: a reply ready in time goes back in the HTTP response;
/// a slower one is acknowledged at once and delivered through <c>response_url</c> when done.
/// </summary>
public sealed partial class SlackResponder(
    SlackApiClient api,
    SlackChatGateway gateway,
    IOptions<SlackOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<SlackResponder> log)
{
    public static readonly ChatMessage SomethingWentWrong = ChatMessage.Plain(
        "Sorry — something went wrong on my side and I couldn't finish that. Nothing you saved was lost; please try again in a minute.");

    /// <summary>A token for work that must outlive the HTTP request but stop with the app.</summary>
    public CancellationToken AppStopping => lifetime.ApplicationStopping;

    public async Task<IResult> RespondAsync(Task<CommandReply?> work, SlackReplyContext context)
    {
        // Most replies (help, profile) are ready at once or within milliseconds: no timer for those.
        if (work.IsCompleted || await FinishesWithinAsync(work, options.Value.AckBudget))
        {
            var reply = await Settle(work);
            return reply switch
            {
                MessageReply m => Results.Json(BlockKit.Ephemeral(m.Message), SlackJson.Options),
                FormReply f => await OpenFormAsync(f.Form, context) is { } fallback ? Results.Json(BlockKit.Ephemeral(fallback), SlackJson.Options) : Results.Ok(),
                _ => Results.Ok(),
            };
        }

        LogSlow(context.TeamId);
        _ = FinishLaterAsync(work, context);
        return Results.Ok();
    }

    /// <summary>
    /// Answers a button click. Slack ignores the body of a <c>block_actions</c> acknowledgement, so the click is
    /// acknowledged at once and its reply goes to <c>response_url</c> — or, from the App Home (which has none), as a DM.
    /// </summary>
    public IResult RespondToClick(Task<CommandReply?> work, SlackReplyContext context, string userId, Scheduler.Workspaces.Workspace workspace)
    {
        _ = FinishClickAsync(work, context, userId, workspace);
        return Results.Ok();
    }

    private async Task FinishClickAsync(Task<CommandReply?> work, SlackReplyContext context, string userId, Scheduler.Workspaces.Workspace workspace)
    {
        if (await MessageForAsync(work, context) is { } message)
        {
            await DeliverAsync(message, context, userId, workspace);
        }
    }

    private async Task<bool> FinishesWithinAsync(Task work, TimeSpan budget)
    {
        try
        {
            await work.WaitAsync(budget, AppStopping);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception) when (work.IsCompleted)
        {
            // The handler itself failed; Settle turns that into an apology.
            return true;
        }
    }

    /// <summary>Sends a message to where the request came from (response_url), or as a DM when there is none.</summary>
    public async Task DeliverAsync(ChatMessage message, SlackReplyContext context, string userId, Scheduler.Workspaces.Workspace workspace)
    {
        try
        {
            if (context.ResponseUrl is { } url)
            {
                await api.PostToResponseUrlAsync(url, BlockKit.Ephemeral(message), AppStopping);
            }
            else
            {
                await gateway.DeliverAsync(workspace, new OutgoingMessage($"reply:{Guid.NewGuid():N}", [userId], message), AppStopping);
            }
        }
        catch (Exception e) when (e is HttpRequestException or SlackApiException or ChatDeliveryException or ChatRateLimitedException or InvalidOperationException or OperationCanceledException)
        {
            LogDeliveryFailed(context.TeamId, e.Message);
        }
    }

    private async Task FinishLaterAsync(Task<CommandReply?> work, SlackReplyContext context)
    {
        try
        {
            if (await MessageForAsync(work, context) is { } message && context.ResponseUrl is { } url)
            {
                await api.PostToResponseUrlAsync(url, BlockKit.Ephemeral(message), AppStopping);
            }
        }
        catch (Exception e) when (e is HttpRequestException or SlackApiException or InvalidOperationException or OperationCanceledException)
        {
            LogDeliveryFailed(context.TeamId, e.Message);
        }
    }

    /// <summary>What to show once the handler is done: its message, or (after opening its form) a fallback when the form would not open.</summary>
    private async Task<ChatMessage?> MessageForAsync(Task<CommandReply?> work, SlackReplyContext context) => await Settle(work) switch
    {
        MessageReply m => m.Message,
        FormReply f => await OpenFormAsync(f.Form, context),
        _ => null,
    };

    /// <summary>The handler's reply, or a kind apology when it failed (the failure is logged, never shown).</summary>
    private async Task<CommandReply?> Settle(Task<CommandReply?> work)
    {
        try
        {
            return await work;
        }
        catch (Exception e) when (e is not OperationCanceledException || !AppStopping.IsCancellationRequested)
        {
            // A cancellation the app did not ask for (a timeout deep inside) is a failure like any other: the person hears.
            LogHandlerFailed(e);
            return new MessageReply(SomethingWentWrong);
        }
    }

    /// <summary>Opens the modal; returns a message to show instead when Slack would not open it.</summary>
    private async Task<ChatMessage?> OpenFormAsync(ChatForm form, SlackReplyContext context)
    {
        if (context.TriggerId is not { Length: > 0 } trigger)
        {
            return FormUnavailable(context.Prefix);
        }

        try
        {
            var metadata = JsonSerializer.Serialize(new FormMetadata(form.State, context.ResponseUrl?.ToString(), context.Prefix), SlackJson.Options);
            await gateway.OpenFormAsync(context.TeamId, trigger, form, metadata, AppStopping);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or SlackApiException or InvalidOperationException)
        {
            LogFormFailed(context.TeamId, e.Message);
            return FormUnavailable(context.Prefix);
        }
    }

    private static ChatMessage FormUnavailable(string prefix) => ChatMessage.Plain(
        $"I couldn't open the form just now. You can type your profile instead, e.g. `{prefix}{ProfileText.InlineExample}`");

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack request in team {TeamId} outran the acknowledgement budget: answering via response_url")]
    private partial void LogSlow(string teamId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A command handler failed")]
    private partial void LogHandlerFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open a Slack modal in team {TeamId}: {Error}")]
    private partial void LogFormFailed(string teamId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver a reply in Slack team {TeamId}: {Error}")]
    private partial void LogDeliveryFailed(string teamId, string error);
}

/// <summary>What a modal carries in <c>private_metadata</c> so its submission can be answered where it started.</summary>
public sealed record FormMetadata(string State, string? ResponseUrl, string Prefix);
