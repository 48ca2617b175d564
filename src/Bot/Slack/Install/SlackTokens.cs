using Microsoft.Extensions.Options;
using Npgsql;

namespace PeerBot.Bot.Slack.Install;

/// <summary>
/// The bot token for a team: <c>Slack:BotToken</c> when set (single workspace), otherwise the workspace's encrypted
/// installation, refreshed first when token rotation says it expires soon.
/// </summary>
public sealed partial class SlackTokens(
    IOptions<SlackOptions> options, SlackInstallations installations, SlackOAuthClient oauth, NpgsqlDataSource db, TimeProvider clock, ILogger<SlackTokens> log) : ISlackTokenSource
{
    /// <summary>Refresh this long before expiry, so a token never dies mid-request.</summary>
    public static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(10);

    public async ValueTask<string> GetBotTokenAsync(string teamId, CancellationToken ct)
    {
        if (options.Value.BotToken is { Length: > 0 } configured)
        {
            return configured;
        }

        var install = await installations.FindAsync(teamId, ct)
            ?? throw new InvalidOperationException($"No Slack bot token for team {teamId}: set Slack__BotToken (single workspace) or install through /slack/install.");
        return NeedsRefresh(install) ? await RefreshAsync(teamId, ct) : install.BotToken;
    }

    private bool NeedsRefresh(SlackInstallation i) => i.RefreshToken is not null && i.ExpiresAt is { } at && at - clock.GetUtcNow() < RefreshAhead;

    private async Task<string> RefreshAsync(string teamId, CancellationToken ct)
    {
        // One refresher per team across every instance: refresh tokens are single-use.
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext('slack-token:' || $1))", conn, tx))
        {
            lockCmd.Parameters.Add(new() { Value = teamId });
            await lockCmd.ExecuteNonQueryAsync(ct);
        }

        var current = await installations.FindAsync(teamId, ct) ?? throw new InvalidOperationException($"Slack team {teamId} was uninstalled");
        if (!NeedsRefresh(current))
        {
            return current.BotToken;
        }

        var fresh = await oauth.RefreshAsync(current.RefreshToken!, ct);
        await installations.SaveAsync(fresh with { TeamId = teamId, BotUserId = fresh.BotUserId is "" ? current.BotUserId : fresh.BotUserId }, ct);
        await tx.CommitAsync(ct);
        LogRefreshed(teamId, fresh.ExpiresAt);
        return fresh.BotToken;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the Slack bot token of team {TeamId}; it now expires at {ExpiresAt}")]
    private partial void LogRefreshed(string teamId, DateTimeOffset? expiresAt);
}
