using System.Text.Json;
using System.Text.Json.Nodes;
using PeerBot.Bot.Slack.Events;

namespace PeerBot.Bot.Slack.SocketMode;

/// <summary>
/// Turns one Socket Mode envelope into the same call the HTTP endpoint makes, and the endpoint's answer into the ack:
/// <c>{"envelope_id": …, "payload": …}</c>. Signatures are not checked here: the WebSocket itself is authenticated.
/// Slack delivers an envelope again when no ack arrived, possibly to another instance: slash commands and interactions
/// are claimed by envelope id in <see cref="SocketEnvelopeLog"/> (events by event_id in the Events API intake), so each
/// is handled once; a failed run is left unacknowledged and released, so Slack's next delivery runs it again.
/// </summary>
public sealed partial class SocketEnvelopeHandler(
    SlackCommandsEndpoint commands, SlackInteractivityEndpoint interactivity, SlackEventIntake events, SocketEnvelopeLog envelopeLog,
    IServiceProvider services, ILogger<SocketEnvelopeHandler> log)
{
    /// <summary>The ack to send, or null when this instance must not acknowledge (another one is running it, or it failed).</summary>
    public async Task<JsonObject?> HandleAsync(JsonElement envelope, CancellationToken ct)
    {
        var envelopeId = envelope.GetProperty("envelope_id").GetString()!;
        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        var payload = envelope.TryGetProperty("payload", out var p) ? p : default;
        var type = envelope.TryGetProperty("type", out var t) ? t.GetString() : null;
        var claimed = type is "slash_commands" or "interactive";
        IResult result;
        try
        {
            if (claimed)
            {
                switch (await envelopeLog.TryClaimAsync(envelopeId, type!, ct))
                {
                    case EnvelopeClaim.Done:
                        LogDuplicate(type!, envelopeId);
                        return ack;
                    case EnvelopeClaim.Elsewhere:
                        LogRunningElsewhere(type!, envelopeId);
                        return null;
                }
            }

            result = type switch
            {
                "slash_commands" => await commands.HandleFormAsync(AsForm(payload), ct),
                "interactive" => await interactivity.HandlePayloadAsync(payload, ct),
                "events_api" => await events.AcceptAsync(payload, ct),
                _ => Results.Ok(),
            };
            if (claimed)
            {
                await envelopeLog.DoneAsync(envelopeId, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not acknowledged: Slack delivers it again (to whichever instance), and the released claim lets that run.
            LogFailed(e, type ?? "?", envelopeId);
            await ReleaseQuietlyAsync(claimed, envelopeId);
            return null;
        }

        if (type == "events_api" && StatusOf(result) >= 500)
        {
            // The event's handler failed quickly (the intake released it): let Slack deliver it again, as over HTTP.
            return null;
        }

        if (envelope.TryGetProperty("accepts_response_payload", out var accepts) && accepts.ValueKind == JsonValueKind.True
            && await BodyOfAsync(result) is JsonObject body)
        {
            ack["payload"] = body;
        }

        return ack;
    }

    private async Task ReleaseQuietlyAsync(bool claimed, string envelopeId)
    {
        if (!claimed)
        {
            return;
        }

        try
        {
            await envelopeLog.ReleaseAsync(envelopeId, CancellationToken.None);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The claim's lease runs out by itself: Slack's delivery after it runs the envelope.
            LogReleaseFailed(envelopeId, e.Message);
        }
    }

    /// <summary>Slash command envelopes carry the form fields as a JSON object of strings.</summary>
    private static Dictionary<string, string> AsForm(JsonElement payload) =>
        payload.ValueKind != JsonValueKind.Object
            ? []
            : payload.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

    private static int StatusOf(IResult result) => result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;

    /// <summary>Runs the endpoint's IResult against an in-memory response and reads back the JSON it wrote, if any.</summary>
    private async Task<JsonNode?> BodyOfAsync(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        if (context.Response.StatusCode != StatusCodes.Status200OK || body.Length == 0
            || context.Response.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            return null;
        }

        return JsonNode.Parse(body.ToArray());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Socket Mode envelope {Type} {EnvelopeId} failed; left unacknowledged so Slack delivers it again")]
    private partial void LogFailed(Exception e, string type, string envelopeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode envelope {Type} {EnvelopeId} was already handled: acknowledged, not run again")]
    private partial void LogDuplicate(string type, string envelopeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode envelope {Type} {EnvelopeId} is being handled by another instance: not run here")]
    private partial void LogRunningElsewhere(string type, string envelopeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release Socket Mode envelope {EnvelopeId} after a failure ({Error}); its claim runs out by itself")]
    private partial void LogReleaseFailed(string envelopeId, string error);
}
