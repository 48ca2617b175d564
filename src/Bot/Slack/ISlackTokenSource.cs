namespace PeerBot.Bot.Slack;

/// <summary>Finds the bot token for a Slack workspace (team id).</summary>
public interface ISlackTokenSource
{
    ValueTask<string> GetBotTokenAsync(string teamId, CancellationToken ct);
}
