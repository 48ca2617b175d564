using Npgsql;
using PeerBot.Matching.Rules;

namespace PeerBot.Scheduler.Rounds;

/// <summary>Pairings and their members in PostgreSQL.</summary>
public sealed class PairingStore(NpgsqlDataSource db)
{
    private const string Select = """
        select p.id, p.workspace_id, p.kind, p.status, p.score, p.explanation, p.created_at,
               m.id, m.external_user_id, m.display_name, pm.role, m.time_zone
        from pairings p join pairing_members pm on pm.pairing_id = p.id join members m on m.id = pm.member_id
        """;

    public async Task<IReadOnlyList<Pairing>> ListAsync(Guid workspaceId, string[] statuses, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"{Select} where p.workspace_id = $1 and p.status = any($2) order by p.created_at, p.id, pm.role, m.external_user_id");
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = statuses });
        return await ReadAsync(cmd, ct);
    }

    public async Task<Pairing?> FindAsync(Guid pairingId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"{Select} where p.id = $1 order by pm.role, m.external_user_id");
        cmd.Parameters.Add(new() { Value = pairingId });
        return (await ReadAsync(cmd, ct)).FirstOrDefault();
    }

    /// <summary>Every pair of people paired (or proposed) since <paramref name="since"/>: the matching engine keeps them apart.</summary>
    public async Task<IReadOnlyList<PastPairing>> HistoryAsync(Guid workspaceId, DateTimeOffset since, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select a.external_user_id, b.external_user_id, p.created_at
            from pairings p
            join pairing_members pa on pa.pairing_id = p.id join members a on a.id = pa.member_id
            join pairing_members pb on pb.pairing_id = p.id and pb.member_id > pa.member_id join members b on b.id = pb.member_id
            where p.workspace_id = $1 and p.created_at >= $2
            """);
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = since });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<PastPairing>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new PastPairing(r.GetString(0), r.GetString(1), DateOnly.FromDateTime(r.GetFieldValue<DateTimeOffset>(2).UtcDateTime)));
        }

        return list;
    }

    public static async Task InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid roundId, Pairing pairing, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        await using (var cmd = new NpgsqlCommand("""
            insert into pairings (id, workspace_id, round_id, kind, status, score, explanation, created_at, proposal_expires_at, accepted_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, case when $5 = 'active' then $8 end)
            """, conn, tx))
        {
            cmd.Parameters.Add(new() { Value = pairing.Id });
            cmd.Parameters.Add(new() { Value = pairing.WorkspaceId });
            cmd.Parameters.Add(new() { Value = roundId });
            cmd.Parameters.Add(new() { Value = pairing.Kind });
            cmd.Parameters.Add(new() { Value = pairing.Status });
            cmd.Parameters.Add(new() { Value = pairing.Score });
            cmd.Parameters.Add(new() { Value = pairing.Explanation });
            cmd.Parameters.Add(new() { Value = pairing.CreatedAt });
            cmd.Parameters.Add(new() { Value = expiresAt.HasValue ? expiresAt.Value : DBNull.Value });
            await cmd.ExecuteNonQueryAsync(ct);
        }

        await using var members = new NpgsqlCommand("insert into pairing_members (pairing_id, member_id, role) select $1, unnest($2::uuid[]), unnest($3::text[])", conn, tx);
        members.Parameters.Add(new() { Value = pairing.Id });
        members.Parameters.Add(new() { Value = pairing.Members.Select(m => m.MemberId).ToArray() });
        members.Parameters.Add(new() { Value = pairing.Members.Select(m => m.Role).ToArray() });
        await members.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Moves a pairing from one status to another; false when it was no longer in <paramref name="from"/> (a second click, a race).</summary>
    public async Task<bool> TransitionAsync(Guid pairingId, string from, string to, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            update pairings set status = $3,
                accepted_at = case when $3 = 'active' then $4 else accepted_at end,
                ended_at = case when $3 in ('ended', 'declined', 'expired') then $4 else ended_at end
            where id = $1 and status = $2
            """);
        cmd.Parameters.Add(new() { Value = pairingId });
        cmd.Parameters.Add(new() { Value = from });
        cmd.Parameters.Add(new() { Value = to });
        cmd.Parameters.Add(new() { Value = at });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Proposals nobody answered in time become expired; returns them.</summary>
    public async Task<IReadOnlyList<Guid>> ExpireProposalsAsync(Guid workspaceId, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            update pairings set status = 'expired', ended_at = $2
            where workspace_id = $1 and status = 'proposed' and proposal_expires_at <= $2 returning id
            """);
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = now });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var ids = new List<Guid>();
        while (await r.ReadAsync(ct))
        {
            ids.Add(r.GetGuid(0));
        }

        return ids;
    }

    private static async Task<IReadOnlyList<Pairing>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<Pairing>();
        Pairing? current = null;
        var members = new List<PairingMember>();
        while (await r.ReadAsync(ct))
        {
            var id = r.GetGuid(0);
            if (current?.Id != id)
            {
                if (current is not null)
                {
                    list.Add(current with { Members = members });
                }

                members = [];
                current = new Pairing(id, r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetDouble(4), r.GetString(5), r.GetFieldValue<DateTimeOffset>(6), []);
            }

            members.Add(new PairingMember(r.GetGuid(7), r.GetString(8), r.GetString(9), r.GetString(10), r.IsDBNull(11) ? null : r.GetString(11)));
        }

        if (current is not null)
        {
            list.Add(current with { Members = members });
        }

        return list;
    }
}
