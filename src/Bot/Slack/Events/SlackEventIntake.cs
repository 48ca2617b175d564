using System.Text.Json;
using System.Text.Json.Nodes;
using PeerBot.Scheduler.Workspaces;
using static PeerBot.Bot.Chat.JsonRead;

namespace PeerBot.Bot.Slack.Events;

/// <summary>
/// The core of the Events API, shared by <c>POST /slack/events</c> and Socket Mode: answers
/// <c>url_verification</c>, records each <c>event_callback</c> once, acknowledges at once and handles it in the background.
/// </summary>
public sealed partial class SlackEventIntake(
    SlackEventLog eventLog, WorkspaceDirectory workspaces, IEnumerable<ISlackEventHandler> handlers, SlackResponder responder, ILogger<SlackEventIntake> log)
{
    private readonly Dictionary<string, ISlackEventHandler> _handlers = handlers
        .SelectMany(h => h.EventTypes.Select(t => (t, h))).ToDictionary(p => p.t, p => p.h, StringComparer.Ordinal);

    /// <summary>Events handed to the background that have not finished yet (tests wait on this being quiet).</summary>
    public int InFlight => _inFlight;

    private int _inFlight;

    public async Task<IResult> AcceptAsync(JsonElement payload, CancellationToken ct)
    {
        switch (Str(payload, "type"))
        {
            case "url_verification":
                return Results.Json(new JsonObject { ["challenge"] = Str(payload, "challenge") ?? "" }, SlackJson.Options);
            case "event_callback":
                break;
            default:
                return Results.Ok();
        }

        var inner = payload.TryGetProperty("event", out var e) ? e : default;
        var teamId = Str(payload, "team_id");
        var eventId = Str(payload, "event_id");
        var type = Str(inner, "type");
        if (teamId is null || eventId is null || type is null)
        {
            LogMalformed();
            return Results.BadRequest("team_id, event_id and event.type are required");
        }

        if (!await eventLog.TryRecordAsync(eventId, teamId, type, ct))
        {
            LogDuplicate(eventId, type);
            return Results.Ok();
        }

        if (!_handlers.TryGetValue(type, out var handler))
        {
            return Results.Ok();
        }

        var botUserId = payload.TryGetProperty("authorizations", out var auths) && auths.ValueKind == JsonValueKind.Array && auths.GetArrayLength() > 0
            ? Str(auths[0], "user_id")
            : null;
        var workspace = await workspaces.GetOrCreateAsync(SlackChatGateway.PlatformName, teamId, "", ct);
        // Slack wants the 200 within 3 s; the work (Web API calls) happens after it.
        var slackEvent = new SlackEvent(workspace, eventId, type, inner.Clone(), botUserId);
        Interlocked.Increment(ref _inFlight);
        _ = Task.Run(() => RunAsync(handler, slackEvent), CancellationToken.None);
        return Results.Ok();
    }

    private async Task RunAsync(ISlackEventHandler handler, SlackEvent slackEvent)
    {
        try
        {
            await handler.HandleAsync(slackEvent, responder.AppStopping);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, slackEvent.Type, slackEvent.EventId);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Slack event without team_id, event_id or event type")]
    private partial void LogMalformed();

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a retry of Slack event {EventId} ({Type}): already handled")]
    private partial void LogDuplicate(string eventId, string type);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling Slack event {Type} {EventId} failed")]
    private partial void LogFailed(Exception e, string type, string eventId);
}
