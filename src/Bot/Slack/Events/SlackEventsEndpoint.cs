using System.Text.Json;

namespace PeerBot.Bot.Slack.Events;

/// <summary><c>POST /slack/events</c>: a signed Events API request, handed to the shared <see cref="SlackEventIntake"/>.</summary>
public sealed class SlackEventsEndpoint(SlackRequest request, SlackEventIntake intake)
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
            payload = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return Results.BadRequest("the body must be a JSON object");
        }

        return await intake.AcceptAsync(payload, context.RequestAborted);
    }
}
