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

    /// <summary>
    /// Relabels a cohort one-to-one: members, the open pulses' participation, and sealed tallies keep their numbers under
    /// the new name. Refused when the new name is in use (members or any pulse): merging two cohorts would recount
    /// sealed cells, and a cell hidden before could become the difference between two reports.
    /// </summary>
    public async Task<(CohortRename Outcome, int Members)> RenameAsync(Guid workspaceId, string from, string to, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // One rename at a time per workspace, so two renames cannot merge cohorts between them.
        await using (var lockWorkspace = new NpgsqlCommand("select 1 from workspaces where id = $1 for update", conn, tx))
        {
            lockWorkspace.Parameters.Add(new() { Value = workspaceId });
            await lockWorkspace.ExecuteNonQueryAsync(ct);
        }

        const string uses = """
            select exists (select 1 from members where workspace_id = $1 and cohort = $2)
                or exists (select 1 from pulse_tallies t join pulses p on p.id = t.pulse_id where p.workspace_id = $1 and t.cohort = $2)
                or exists (select 1 from pulse_participation x join pulses p on p.id = x.pulse_id where p.workspace_id = $1 and x.cohort = $2)
            """;
        foreach (var (name, outcome, present) in new[] { (to, CohortRename.WouldMerge, true), (from, CohortRename.NotFound, false) })
        {
            await using var check = new NpgsqlCommand(uses, conn, tx);
            check.Parameters.Add(new() { Value = workspaceId });
            check.Parameters.Add(new() { Value = name });
            if (await check.ExecuteScalarAsync(ct) is true == present)
            {
                return (outcome, 0);
            }
        }

        var members = 0;
        foreach (var sql in (string[])[
            "update members set cohort = $3 where workspace_id = $1 and cohort = $2",
            "update pulse_participation x set cohort = $3 from pulses p where p.id = x.pulse_id and p.workspace_id = $1 and x.cohort = $2",
            "update pulse_tallies t set cohort = $3 from pulses p where p.id = t.pulse_id and p.workspace_id = $1 and t.cohort = $2"])
        {
            await using var cmd = new NpgsqlCommand(sql, conn, tx);
            cmd.Parameters.Add(new() { Value = workspaceId });
            cmd.Parameters.Add(new() { Value = from });
            cmd.Parameters.Add(new() { Value = to });
            var changed = await cmd.ExecuteNonQueryAsync(ct);
            members = sql.StartsWith("update members", StringComparison.Ordinal) ? changed : members;
        }

        await tx.CommitAsync(ct);
        return (CohortRename.Renamed, members);
    }
}
