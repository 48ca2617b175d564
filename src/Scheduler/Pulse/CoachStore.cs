using Npgsql;

namespace PeerBot.Scheduler.Pulse;

/// <summary>Who may pull reports in a workspace (besides its admins).</summary>
public sealed class CoachStore(NpgsqlDataSource db)
{
    public async Task<bool> AddAsync(Guid workspaceId, string userId, DateOnly today, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("insert into coaches (workspace_id, external_user_id, added_on) values ($1, $2, $3) on conflict do nothing");
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = userId });
        cmd.Parameters.Add(new() { Value = today });
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    public async Task<bool> RemoveAsync(Guid workspaceId, string userId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("delete from coaches where workspace_id = $1 and external_user_id = $2");
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = userId });
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    public async Task<bool> IsCoachAsync(Guid workspaceId, string userId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select 1 from coaches where workspace_id = $1 and external_user_id = $2");
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = userId });
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    public async Task<IReadOnlyList<string>> ListAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select external_user_id from coaches where workspace_id = $1 order by added_on, external_user_id");
        cmd.Parameters.Add(new() { Value = workspaceId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<string>();
        while (await r.ReadAsync(ct))
        {
            list.Add(r.GetString(0));
        }

        return list;
    }
}
