using System.Text.Json.Nodes;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;

namespace PeerBot.Bot.Tests.Scheduler;

/// <summary>Shortcuts over the one driver (<see cref="SlackTeacher"/>) for tests that only need a reply's text.</summary>
public static class ChatHarness
{
    /// <summary>The text of the reply to <c>/peer {text}</c> (inline, or through response_url when slow).</summary>
    /// <param name="at">When the request is signed: the bot's (possibly fake) clock checks the timestamp.</param>
    public static async Task<string> ReplyAsync(this PeerBotApp app, string text, string userId, DateTimeOffset? at = null) =>
        (await new SlackTeacher(app, userId) { Clock = at is { } t ? () => t : null }.TypeAsync(text)).Raw["text"]!.GetValue<string>();

    /// <summary>Clicks a button; returns the text of the reply (posted to response_url, as Slack requires).</summary>
    public static async Task<string> ClickAsync(this PeerBotApp app, string userId, string actionId, string value) =>
        (await app.SlackTeacher(userId).ClickAsync(actionId, value)).Raw["text"]!.GetValue<string>();

    /// <summary>The value of the button with <paramref name="actionId"/> in a posted message.</summary>
    public static string ButtonValue(PostedMessage message, string actionId)
    {
        var blocks = JsonNode.Parse(message.BlocksJson!)!.AsArray();
        foreach (var element in blocks.Where(b => b!["type"]!.GetValue<string>() == "actions").SelectMany(b => b!["elements"]!.AsArray()))
        {
            if (PeerBot.Bot.Slack.BlockKit.ActionIdOf(element!["action_id"]!.GetValue<string>()) == actionId)
            {
                return element["value"]!.GetValue<string>();
            }
        }

        throw new InvalidOperationException($"No button {actionId} in: {message.BlocksJson}");
    }
}
