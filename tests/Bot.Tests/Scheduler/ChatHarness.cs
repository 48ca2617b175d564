using System.Text.Json.Nodes;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Scheduler;

/// <summary>Typing <c>/peer …</c> and clicking buttons, as Slack sends them.</summary>
public static class ChatHarness
{
    /// <summary>The text of the reply to <c>/peer {text}</c> (inline, or through response_url when slow).</summary>
    /// <param name="at">When the request is signed: the bot's (possibly fake) clock checks the timestamp.</param>
    public static async Task<string> ReplyAsync(this PeerBotApp app, string text, string userId, DateTimeOffset? at = null)
    {
        var before = app.Slack.CallsTo("response_url").Count;
        using var request = SlackSigner.Signed("/slack/commands", SlackSigner.Command(text, userId, "T100", app.Slack.ResponseUrl()), at);
        var response = await app.Http().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/peer {text}: {(int)response.StatusCode} {body}");
        if (body.Length > 0)
        {
            return JsonNode.Parse(body)!["text"]!.GetValue<string>();
        }

        return await ResponseUrlTextAsync(app, before + 1);
    }

    /// <summary>Clicks a button; returns the text of the reply (posted to response_url, as Slack requires).</summary>
    public static async Task<string> ClickAsync(this PeerBotApp app, string userId, string actionId, string value)
    {
        var click = JsonNode.Parse(Paths.ReadFixture("slack_block_actions.json"))!;
        click["team"]!["id"] = "T100";
        click["user"]!["id"] = userId;
        click["actions"]![0]!["action_id"] = actionId;
        click["actions"]![0]!["value"] = value;
        click["response_url"] = app.Slack.ResponseUrl().ToString();
        var before = app.Slack.CallsTo("response_url").Count;
        var response = await app.SendInteractionAsync(click.ToJsonString());
        Assert.True(response.IsSuccessStatusCode);
        // Slack ignores the body of a block_actions acknowledgement: the reply must come through response_url.
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        return await ResponseUrlTextAsync(app, before + 1);
    }

    private static async Task<string> ResponseUrlTextAsync(PeerBotApp app, int count)
    {
        try
        {
            var posted = await app.Slack.WaitForAsync("response_url", count, 60_000);
            return posted.Json!["text"]!.GetValue<string>();
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}{Environment.NewLine}The bot logged:{Environment.NewLine}{app.Logs}", e);
        }
    }

    /// <summary>The value of the button with <paramref name="actionId"/> in a posted message.</summary>
    public static string ButtonValue(PostedMessage message, string actionId)
    {
        var blocks = JsonNode.Parse(message.BlocksJson!)!.AsArray();
        foreach (var element in blocks.Where(b => b!["type"]!.GetValue<string>() == "actions").SelectMany(b => b!["elements"]!.AsArray()))
        {
            if (element!["action_id"]!.GetValue<string>() == actionId)
            {
                return element["value"]!.GetValue<string>();
            }
        }

        throw new InvalidOperationException($"No button {actionId} in: {message.BlocksJson}");
    }
}
