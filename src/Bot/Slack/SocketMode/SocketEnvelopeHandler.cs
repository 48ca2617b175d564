using System.Text.Json;
using System.Text.Json.Nodes;
using PeerBot.Bot.Slack.Events;

namespace PeerBot.Bot.Slack.SocketMode;

/// <summary>
/// Turns one Socket Mode envelope into the same call the HTTP endpoint makes, and the endpoint's answer into the ack:
/// <c>{"envelope_id": …, "payload": …}</c>. Signatures are not checked here: the WebSocket itself is authenticated.
/// </summary>
public sealed partial class SocketEnvelopeHandler(
    SlackCommandsEndpoint commands, SlackInteractivityEndpoint interactivity, SlackEventIntake events, IServiceProvider services, ILogger<SocketEnvelopeHandler> log)
{
    public async Task<JsonObject> HandleAsync(JsonElement envelope, CancellationToken ct)
    {
        var envelopeId = envelope.GetProperty("envelope_id").GetString()!;
        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        var payload = envelope.TryGetProperty("payload", out var p) ? p : default;
        var type = envelope.TryGetProperty("type", out var t) ? t.GetString() : null;
        IResult result;
        try
        {
            result = type switch
            {
                "slash_commands" => await commands.HandleFormAsync(AsForm(payload), ct),
                "interactive" => await interactivity.HandlePayloadAsync(payload, ct),
                "events_api" => await events.AcceptAsync(payload, ct),
                _ => Results.Ok(),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Still acknowledged: an unacknowledged envelope is only retried into the same failure.
            LogFailed(e, type ?? "?", envelopeId);
            return ack;
        }

        if (envelope.TryGetProperty("accepts_response_payload", out var accepts) && accepts.ValueKind == JsonValueKind.True
            && await BodyOfAsync(result) is JsonObject body)
        {
            ack["payload"] = body;
        }

        return ack;
    }

    /// <summary>Slash command envelopes carry the form fields as a JSON object of strings.</summary>
    private static Dictionary<string, string> AsForm(JsonElement payload) =>
        payload.ValueKind != JsonValueKind.Object
            ? []
            : payload.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

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

    [LoggerMessage(Level = LogLevel.Error, Message = "Socket Mode envelope {Type} {EnvelopeId} failed")]
    private partial void LogFailed(Exception e, string type, string envelopeId);
}
