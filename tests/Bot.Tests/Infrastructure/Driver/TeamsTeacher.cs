using System.Text.Json.Nodes;
using PeerBot.Bot.Teams;
using PeerBot.Bot.Tests.Teams;

namespace PeerBot.Bot.Tests.Infrastructure.Driver;

/// <summary>A teacher in Teams, in their 1:1 chat with PeerBot: signed activities and Adaptive Card invokes, as the Bot Framework sends them.</summary>
public sealed partial class TeamsTeacher(PeerBotApp app, FakeBotFramework bf, string userId, string name = "Ana Ruiz") : Teacher(app, userId)
{
    public FakeBotFramework BotFramework => bf;

    public override string Prefix => "";

    /// <summary>The 1:1 chat's conversation id (as in <see cref="TeamsActivities.Personal"/>).</summary>
    public string ConversationId => $"a:personal-{UserId}";

    /// <summary>Changes the message before it is sent (a channel, another tenant, an AAD object id).</summary>
    public Action<JsonObject>? Shape { get; set; }

    public override async Task<Seen> TypeAsync(string text)
    {
        var activity = TeamsActivities.Personal(bf, text, UserId, name);
        var id = $"msg-{Guid.NewGuid():N}";
        activity["id"] = id;
        Shape?.Invoke(activity);
        var conversation = activity["conversation"]!["id"]!.GetValue<string>();
        await SendAsync(activity, text);
        var reply = await WithLogsAsync(bf.WaitForActivitiesAsync(1, conversation, FakeSlack.DefaultTimeoutMs,
            c => c.Json?["replyToId"]?.GetValue<string>() == id && c.Json["type"]?.GetValue<string>() == "message"));
        return Seen.FromTeams(reply[0].Json!);
    }

    public override Task<Seen> ClickAsync(string actionId, string value) =>
        InvokeAsync(actionId, new JsonObject { [AdaptiveCards.ActionKey] = actionId, [AdaptiveCards.ValueKey] = value });

    public override Task<Seen> SubmitAsync(Seen form, IReadOnlyDictionary<string, string[]> values)
    {
        Assert.True(form.IsForm, $"Not a form: {form.Raw.ToJsonString()}");
        var data = new JsonObject { [AdaptiveCards.FormKey] = form.FormId, [AdaptiveCards.StateKey] = form.FormState };
        foreach (var (field, given) in values)
        {
            // Teams sends a multi-select's choices as one comma-separated string.
            data[field] = string.Join(",", given);
        }

        return InvokeAsync(form.FormId!, data);
    }

    public override IReadOnlyList<Seen> Messages =>
        [.. bf.ActivitiesTo(ConversationId).Select(c => c.Json!).Where(j => j["replyToId"] is null && j["type"]?.GetValue<string>() == "message").Select(Seen.FromTeams)];

    public override async Task<Seen> MessageAsync(Func<Seen, bool> where, string what)
    {
        try
        {
            var found = await bf.WaitForActivitiesAsync(1, ConversationId, FakeSlack.DefaultTimeoutMs,
                c => c.Json is { } j && j["replyToId"] is null && j["type"]?.GetValue<string>() == "message" && where(Seen.FromTeams(j)));
            return Seen.FromTeams(found[0].Json!);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{UserId} never got {what}: {e.Message}{Environment.NewLine}The bot logged:{Environment.NewLine}{App.Logs}", e);
        }
    }

    /// <summary>An Action.Execute: Teams shows the invoke response in place of the card.</summary>
    private async Task<Seen> InvokeAsync(string verb, JsonObject data)
    {
        var invoke = TeamsActivities.Invoke(bf, verb, data, UserId);
        // The person who clicks is the one who types: Teams sends their name with every activity (PeerBot keeps names fresh from it).
        invoke["from"]!["name"] = name;
        Shape?.Invoke(invoke);
        var body = await SendAsync(invoke, $"card action {verb}");
        var response = JsonNode.Parse(body)!;
        var value = response["value"]!;
        if (response["type"]?.GetValue<string>() == AdaptiveCards.ContentType)
        {
            return Seen.FromTeamsCard(value, response);
        }

        // A refused form answers with a message naming each field ("• **years**: …"), leaving the card as typed.
        var text = value.GetValue<string>();
        return new Seen(text, [], response)
        {
            FieldErrors = FieldError().Matches(text).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim()),
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^• \*\*([^*]+)\*\*: (.+)$", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex FieldError();

    private async Task<string> SendAsync(JsonObject activity, string what)
    {
        var response = await TeamsActivities.SendAsync(App, bf, activity);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{what}: {(int)response.StatusCode} {body}");
        return body;
    }
}
