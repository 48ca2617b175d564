using System.Text.Json;
using System.Text.Json.Nodes;
using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Workspaces;
using static PeerBot.Bot.Chat.JsonRead;

namespace PeerBot.Bot.Slack;

/// <summary><c>POST /slack/interactivity</c>: button clicks (<c>block_actions</c>), modal submissions (<c>view_submission</c>) and global shortcuts (<c>shortcut</c>).</summary>
public sealed partial class SlackInteractivityEndpoint(
    SlackRequest request, WorkspaceDirectory workspaces, CommandRouter router, SlackResponder responder, Home.HomePublisher home, ILogger<SlackInteractivityEndpoint> log)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        if (await request.ReadVerifiedAsync(context) is not { } body)
        {
            return Results.Empty;
        }

        JsonElement payload;
        try
        {
            payload = JsonDocument.Parse(SlackRequest.ParseForm(body).GetValueOrDefault("payload") ?? "").RootElement;
        }
        catch (JsonException)
        {
            LogMalformed("payload is not JSON");
            return Results.BadRequest("payload must be a JSON object");
        }

        return await HandlePayloadAsync(payload, context.RequestAborted);
    }

    /// <summary>The interaction itself, shared by HTTP and Socket Mode (whose envelopes carry the payload as JSON).</summary>
    public async Task<IResult> HandlePayloadAsync(JsonElement payload, CancellationToken ct)
    {
        var teamId = Str(payload, "team", "id") ?? Str(payload, "user", "team_id");
        var userId = Str(payload, "user", "id");
        if (teamId is null || userId is null)
        {
            LogMalformed("no team or user");
            return Results.BadRequest("team and user are required");
        }

        var workspace = await workspaces.GetOrCreateAsync(SlackChatGateway.PlatformName, teamId, Str(payload, "team", "domain") ?? "", ct);
        var caller = new ChatCaller(userId, Str(payload, "user", "name") ?? Str(payload, "user", "username") ?? userId);
        return Str(payload, "type") switch
        {
            "block_actions" => await ClickAsync(payload, workspace, caller),
            "view_submission" => await SubmitAsync(payload, workspace, caller),
            "shortcut" => Shortcut(payload, workspace, caller),
            _ => Results.Ok(),
        };
    }

    private async Task<IResult> ClickAsync(JsonElement payload, Workspace workspace, ChatCaller caller)
    {
        if (!payload.TryGetProperty("actions", out var actions) || actions.GetArrayLength() == 0)
        {
            return Results.Ok();
        }

        var first = actions[0];
        var action = new ChatAction(workspace, caller, BlockKit.ActionIdOf(Str(first, "action_id") ?? ""), Str(first, "value") ?? Str(first, "selected_option", "value") ?? "", "/peer ");
        var replyTo = new SlackReplyContext(workspace.ExternalId, Str(payload, "trigger_id"),
            Uri.TryCreate(Str(payload, "response_url"), UriKind.Absolute, out var url) ? url : null, "/peer ");
        if (Str(payload, "view", "type") == "modal" && Str(payload, "view", "id") is { Length: > 0 } viewId)
        {
            replyTo = replyTo with { ViewId = viewId, ViewHash = Str(payload, "view", "hash") };
        }

        try
        {
            var work = router.ClickAsync(action, responder.Stopping);
            // A click on the Home tab changed what it shows (a skip, a pause, a name off the never-pair list): publish it again.
            return responder.RespondToClick(Str(payload, "view", "type") == "home" ? ThenRepublishHomeAsync(work, workspace, caller.UserId) : work,
                replyTo, caller.UserId, workspace);
        }
        catch (UnknownInteractionException)
        {
            LogUnknown("action", action.ActionId);
            return Results.Ok();
        }
    }

    /// <summary>A global shortcut: its verb, answered in a modal opened with the shortcut's trigger (it has no response_url).</summary>
    private IResult Shortcut(JsonElement payload, Workspace workspace, ChatCaller caller)
    {
        var callbackId = Str(payload, "callback_id") ?? "";
        if (!SlackShortcuts.Verbs.TryGetValue(callbackId, out var verb))
        {
            LogUnknown("shortcut", callbackId);
            return Results.Ok();
        }

        var command = new ChatCommand(workspace, caller, verb, "", "/peer ") { FromMenu = true };
        var replyTo = new SlackReplyContext(workspace.ExternalId, Str(payload, "trigger_id"), null, "/peer ");
        return responder.RespondToShortcut(AnswerAsync(command), replyTo, caller.UserId, workspace);
    }

    private async Task<CommandReply?> AnswerAsync(ChatCommand command) => await router.DispatchAsync(command, responder.Stopping);

    private async Task<CommandReply?> ThenRepublishHomeAsync(Task<CommandReply?> work, Workspace workspace, string userId)
    {
        try
        {
            return await work;
        }
        finally
        {
            try
            {
                await home.PublishAsync(workspace, userId, responder.Stopping);
            }
            catch (Exception e) when (e is HttpRequestException or SlackApiException or InvalidOperationException or OperationCanceledException)
            {
                LogHomeNotRepublished(workspace.ExternalId, e.Message);
            }
        }
    }

    private async Task<IResult> SubmitAsync(JsonElement payload, Workspace workspace, ChatCaller caller)
    {
        var view = payload.GetProperty("view");
        var metadata = ReadMetadata(Str(view, "private_metadata"));
        var submission = new FormSubmission(workspace, caller, Str(view, "callback_id") ?? "", BlockKit.StateValues(view), metadata.State, metadata.Prefix);
        FormOutcome outcome;
        try
        {
            outcome = await router.SubmitAsync(submission, responder.Stopping);
        }
        catch (UnknownInteractionException)
        {
            LogUnknown("form", submission.FormId);
            return Results.Ok();
        }

        switch (outcome)
        {
            case FormRejected rejected:
                var errors = new JsonObject();
                foreach (var (field, message) in rejected.FieldErrors)
                {
                    errors[field] = message;
                }

                return Results.Json(new JsonObject { ["response_action"] = "errors", ["errors"] = errors }, SlackJson.Options);
            case FormAccepted accepted:
                // The modal closes with this response; the confirmation follows where the person started.
                var replyTo = new SlackReplyContext(workspace.ExternalId, null, Uri.TryCreate(metadata.ResponseUrl, UriKind.Absolute, out var url) ? url : null, metadata.Prefix);
                responder.DeliverLater(accepted.Confirmation, replyTo, caller.UserId, workspace);
                return Results.Ok();
            default:
                return Results.Ok();
        }
    }

    private static FormMetadata ReadMetadata(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return new FormMetadata("", null, "/peer ");
        }

        try
        {
            return JsonSerializer.Deserialize<FormMetadata>(json, SlackJson.Options) ?? new FormMetadata("", null, "/peer ");
        }
        catch (JsonException)
        {
            return new FormMetadata(json, null, "/peer ");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Slack interaction: {Reason}")]
    private partial void LogMalformed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the Home tab again after a click in Slack team {TeamId}: {Error}")]
    private partial void LogHomeNotRepublished(string teamId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a Slack {Kind} PeerBot has no handler for: {Id}")]
    private partial void LogUnknown(string kind, string id);
}
