using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PeerBot.Bot.Chat;
using PeerBot.Scheduler.Workspaces;
using static PeerBot.Bot.Chat.JsonRead;

namespace PeerBot.Bot.Slack.Events;

/// <summary>
/// The core of the Events API, shared by <c>POST /slack/events</c> and Socket Mode: answers <c>url_verification</c>
/// and runs each <c>event_callback</c> at least once. An event is claimed in <see cref="SlackEventLog"/>, handled, and
/// marked done only when its handler finished. A handler that fails within Slack's 3 s is answered 500, so Slack retries;
/// one still running then is acknowledged and, should it fail later, runs again from the log (<see cref="SlackEventRedelivery"/>).
/// </summary>
public sealed partial class SlackEventIntake(
    SlackEventLog eventLog, WorkspaceDirectory workspaces, IEnumerable<ISlackEventHandler> handlers, InFlightWork inFlight,
    IOptions<SlackOptions> options, ILogger<SlackEventIntake> log)
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

        if (Parse(payload) is not var (teamId, eventId, type))
        {
            LogMalformed();
            return Results.BadRequest("team_id, event_id and event.type are required");
        }

        if (!_handlers.ContainsKey(type))
        {
            await eventLog.RecordIgnoredAsync(eventId, teamId, type, ct);
            return Results.Ok();
        }

        if (!await eventLog.TryClaimAsync(eventId, teamId, type, payload, ct))
        {
            // Done already, or being run right now by someone else (whose failure would release it again).
            LogDuplicate(eventId, type);
            return Results.Ok();
        }

        Interlocked.Increment(ref _inFlight);
        var run = Task.Run(() => RunAsync(teamId, eventId, type, payload), CancellationToken.None);
        inFlight.Track(run);
        // Slack wants the answer within 3 s: a quick failure is answered 500 so Slack sends it again; slower work goes on after the 200.
        var budget = Task.Delay(options.Value.AckBudget, ct);
        if (await Task.WhenAny(run, budget) == run && !await run)
        {
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }

        return Results.Ok();
    }

    /// <summary>Runs an event again from the log (the redelivery loop claimed it).</summary>
    public async Task RedeliverAsync(string eventId, string teamId, JsonElement payload)
    {
        if (Parse(payload) is not var (_, _, type) || !_handlers.ContainsKey(type))
        {
            await eventLog.DoneAsync(eventId, CancellationToken.None);
            return;
        }

        LogRedelivered(eventId, type);
        Interlocked.Increment(ref _inFlight);
        await RunAsync(teamId, eventId, type, payload);
    }

    private async Task<bool> RunAsync(string teamId, string eventId, string type, JsonElement payload)
    {
        try
        {
            var botUserId = payload.TryGetProperty("authorizations", out var auths) && auths.ValueKind == JsonValueKind.Array && auths.GetArrayLength() > 0
                ? Str(auths[0], "user_id")
                : null;
            var workspace = await workspaces.GetOrCreateAsync(SlackChatGateway.PlatformName, teamId, "", inFlight.Stopping);
            var inner = payload.TryGetProperty("event", out var e) ? e.Clone() : default;
            await _handlers[type].HandleAsync(new SlackEvent(workspace, eventId, type, inner, botUserId), inFlight.Stopping);
            await eventLog.DoneAsync(eventId, CancellationToken.None);
            return true;
        }
        catch (Exception ex)
        {
            LogFailed(ex, type, eventId);
            try
            {
                await eventLog.ReleaseAsync(eventId, SlackEventRedelivery.Backoff, CancellationToken.None);
            }
            catch (Exception release) when (release is Npgsql.NpgsqlException or TimeoutException)
            {
                // The claim's lease runs out by itself: the event runs again after it.
                LogReleaseFailed(eventId, release.Message);
            }

            return false;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static (string TeamId, string EventId, string Type)? Parse(JsonElement payload)
    {
        var inner = payload.TryGetProperty("event", out var e) ? e : default;
        return (Str(payload, "team_id"), Str(payload, "event_id"), Str(inner, "type")) is ({ } team, { } id, { } type) ? (team, id, type) : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Slack event without team_id, event_id or event type")]
    private partial void LogMalformed();

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored a retry of Slack event {EventId} ({Type}): already handled or being handled")]
    private partial void LogDuplicate(string eventId, string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Running Slack event {EventId} ({Type}) again after a failed attempt")]
    private partial void LogRedelivered(string eventId, string type);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling Slack event {Type} {EventId} failed; it will run again")]
    private partial void LogFailed(Exception e, string type, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release Slack event {EventId} after a failure ({Error}); it runs again when its claim expires")]
    private partial void LogReleaseFailed(string eventId, string error);
}
