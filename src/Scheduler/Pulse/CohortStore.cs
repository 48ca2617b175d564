using Npgsql;

namespace PeerBot.Scheduler.Pulse;

/// <summary>Cohorts are a member's profile field; admins list, assign and rename them here.</summary>
public sealed class CohortStore(NpgsqlDataSource db)
{
    /// <summary>Cohort → members (null cohort last).</summary>
    public async Task<IReadOnlyList<(string? Cohort, int Members)>> ListAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select cohort, count(*)::int from members where workspace_id = $1 group by cohort order by cohort nulls last");
        cmd.Parameters.Add(new() { Value = workspaceId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<(string?, int)>();
        while (await r.ReadAsync(ct))
        {
            list.Add((r.IsDBNull(0) ? null : r.GetString(0), r.GetInt32(1)));
        }

        return list;
    }

    public async Task<bool> AssignAsync(Guid workspaceId, string userId, string? cohort, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("update members set cohort = $3 where workspace_id = $1 and external_user_id = $2");
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = userId });
        cmd.Parameters.Add(new() { Value = (object?)cohort ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    /// <summary>Renames a cohort for members and for past answers alike, so trends carry on under the new name.</summary>
    public async Task<int> RenameAsync(Guid workspaceId, string from, string to, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        int members;
        await using (var cmd = new NpgsqlCommand("update members set cohort = $3 where workspace_id = $1 and cohort = $2", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = workspaceId });
            cmd.Parameters.Add(new() { Value = from });
            cmd.Parameters.Add(new() { Value = to });
            members = await cmd.ExecuteNonQueryAsync(ct);
        }

        await using (var cmd = new NpgsqlCommand("update pulse_answers a set cohort = $3 from pulses p where p.id = a.pulse_id and p.workspace_id = $1 and a.cohort = $2", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = workspaceId });
            cmd.Parameters.Add(new() { Value = from });
            cmd.Parameters.Add(new() { Value = to });
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await PulseStore.RecountAsync(conn, tx, "p.workspace_id = $1", workspaceId, ct);
        await tx.CommitAsync(ct);
        return members;
    }
}
