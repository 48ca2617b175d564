using Npgsql;

namespace PeerBot.Bot.Slack.Home;

/// <summary>Who has seen the App Home welcome, so onboarding shows once per person and not on every open.</summary>
public sealed class HomeWelcomes(NpgsqlDataSource db, TimeProvider clock)
{
    /// <summary>True only the first time it is asked for this person.</summary>
    public async Task<bool> FirstVisitAsync(Guid workspaceId, string userId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("insert into slack_home_welcomes (workspace_id, external_user_id, shown_at) values ($1, $2, $3) on conflict do nothing");
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = userId });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }
}
