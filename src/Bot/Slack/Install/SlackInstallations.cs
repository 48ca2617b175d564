using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Schedules;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Slack.Install;

/// <summary>
/// Per-workspace bot tokens, encrypted with Data Protection before they reach PostgreSQL
/// (the key ring lives in PostgreSQL too, so any instance can decrypt).
/// </summary>
public sealed class SlackInstallations(NpgsqlDataSource db, WorkspaceDirectory workspaces, ScheduleSignal schedules, IDataProtectionProvider protection, TimeProvider clock)
{
    private readonly IDataProtector _protector = protection.CreateProtector("PeerBot.Slack.Tokens.v1");

    public async Task SaveAsync(SlackInstallation install, CancellationToken ct)
    {
        var workspace = await workspaces.GetOrCreateAsync(SlackChatGateway.PlatformName, install.TeamId, install.TeamName, ct);
        await using var cmd = db.CreateCommand("""
            insert into slack_installations (team_id, workspace_id, bot_user_id, scope, bot_token_protected, refresh_token_protected, expires_at, installed_at, updated_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $8)
            on conflict (team_id) do update set workspace_id = excluded.workspace_id, bot_user_id = excluded.bot_user_id, scope = excluded.scope,
                bot_token_protected = excluded.bot_token_protected, refresh_token_protected = excluded.refresh_token_protected,
                expires_at = excluded.expires_at, updated_at = excluded.updated_at
            """);
        cmd.Parameters.Add(new() { Value = install.TeamId });
        cmd.Parameters.Add(new() { Value = workspace.Id });
        cmd.Parameters.Add(new() { Value = install.BotUserId });
        cmd.Parameters.Add(new() { Value = install.Scope });
        cmd.Parameters.Add(new() { Value = _protector.Protect(install.BotToken) });
        cmd.Parameters.Add(new() { Value = install.RefreshToken is { } r ? _protector.Protect(r) : DBNull.Value });
        cmd.Parameters.Add(new() { Value = install.ExpiresAt is { } e ? e : DBNull.Value });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await cmd.ExecuteNonQueryAsync(ct);

        // Installed again after an uninstall: its rhythm comes back (the schedule keeper registers the jobs).
        await using var resume = db.CreateCommand("update workspaces set schedules = $2 where id = $1 and schedules = $3");
        resume.Parameters.Add(new() { Value = workspace.Id });
        resume.Parameters.Add(new() { Value = StateText.Of(ScheduleState.Pending) });
        resume.Parameters.Add(new() { Value = StateText.Of(ScheduleState.Stopped) });
        if (await resume.ExecuteNonQueryAsync(ct) > 0)
        {
            schedules.Wake();
        }
    }

    /// <summary>The stored tokens, decrypted; null when the workspace never installed (or uninstalled).</summary>
    public async Task<SlackInstallation?> FindAsync(string teamId, CancellationToken ct, NpgsqlConnection? connection = null, bool forUpdate = false)
    {
        var sql = "select bot_user_id, scope, bot_token_protected, refresh_token_protected, expires_at from slack_installations where team_id = $1"
            + (forUpdate ? " for update" : "");
        await using var cmd = connection is null ? db.CreateCommand(sql) : new NpgsqlCommand(sql, connection);
        cmd.Parameters.Add(new() { Value = teamId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return null;
        }

        return new SlackInstallation(
            teamId, "", r.GetString(0), r.GetString(1), _protector.Unprotect(r.GetString(2)),
            r.IsDBNull(3) ? null : _protector.Unprotect(r.GetString(3)),
            r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4));
    }

    public async Task<bool> RemoveAsync(string teamId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("delete from slack_installations where team_id = $1");
        cmd.Parameters.Add(new() { Value = teamId });
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }
}
