using Microsoft.Extensions.Options;

namespace PeerBot.Bot.Slack;

/// <summary>Single-workspace install: every team uses <c>Slack:BotToken</c>.</summary>
public sealed class ConfiguredSlackToken(IOptions<SlackOptions> options) : ISlackTokenSource
{
    public ValueTask<string> GetBotTokenAsync(string teamId, CancellationToken ct) =>
        options.Value.BotToken is { Length: > 0 } token
            ? ValueTask.FromResult(token)
            : throw new InvalidOperationException("No Slack bot token: set Slack__BotToken (single workspace) or install through /slack/install.");
}
