using Dapper;
using Npgsql;
using PeerBot.Matching.Rules;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Scheduler.Rounds;

/// <summary>Pairings and their members in PostgreSQL: read on their own, written only inside a unit of work.</summary>
public sealed class PairingStore(NpgsqlDataSource db)
{
    private const string Select = """
        select p.id, p.workspace_id as workspaceid, p.kind, p.status, p.score, p.explanation, p.created_at as createdat,
               m.id as memberid, m.external_user_id as externaluserid, m.display_name as name, pm.role, m.time_zone as timezone
        from pairings p join pairing_members pm on pm.pairing_id = p.id join members m on m.id = pm.member_id
        """;

    public async Task<IReadOnlyList<Pairing>> ListAsync(Guid workspaceId, IReadOnlyList<PairingStatus> statuses, CancellationToken ct) =>
        await ReadAsync($"{Select} where p.workspace_id = @workspaceId and p.status = any(@statuses) order by p.created_at, p.id, pm.role, m.external_user_id",
            new { workspaceId, statuses = StateText.Of(statuses) }, ct);

    public async Task<Pairing?> FindAsync(Guid pairingId, CancellationToken ct) =>
        (await ReadAsync($"{Select} where p.id = @pairingId order by pm.role, m.external_user_id", new { pairingId }, ct)).FirstOrDefault();

    /// <summary>Every pair of people paired (or proposed) since <paramref name="since"/>: the matching engine keeps them apart.</summary>
    public async Task<IReadOnlyList<PastPairing>> HistoryAsync(Guid workspaceId, DateTimeOffset since, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string A, string B, DateTimeOffset At)>(new CommandDefinition("""
            select a.external_user_id, b.external_user_id, p.created_at
            from pairings p
            join pairing_members pa on pa.pairing_id = p.id join members a on a.id = pa.member_id
            join pairing_members pb on pb.pairing_id = p.id and pb.member_id > pa.member_id join members b on b.id = pb.member_id
            where p.workspace_id = @workspaceId and p.created_at >= @since
            """, new { workspaceId, since }, cancellationToken: ct));
        return [.. rows.Select(r => new PastPairing(r.A, r.B, DateOnly.FromDateTime(r.At.UtcDateTime)))];
    }

    public static async Task InsertAsync(UnitOfWork work, Guid roundId, Pairing pairing, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        await work.ExecuteAsync("""
            insert into pairings (id, workspace_id, round_id, kind, status, score, explanation, created_at, proposal_expires_at, accepted_at)
            values (@Id, @WorkspaceId, @roundId, @Kind, @status, @Score, @Explanation, @CreatedAt, @expiresAt, case when @active then @CreatedAt end)
            """, new
        {
            pairing.Id,
            pairing.WorkspaceId,
            roundId,
            pairing.Kind,
            status = StateText.Of(pairing.Status),
            pairing.Score,
            pairing.Explanation,
            pairing.CreatedAt,
            expiresAt,
            active = pairing.Status == PairingStatus.Active,
        }, ct);
        await work.ExecuteAsync("insert into pairing_members (pairing_id, member_id, role) select @Id, unnest(@members), unnest(@roles)", new
        {
            pairing.Id,
            members = pairing.Members.Select(m => m.MemberId).ToArray(),
            roles = pairing.Members.Select(m => m.Role).ToArray(),
        }, ct);
    }

    /// <summary>Moves a pairing from one status to another; false when it was no longer in <paramref name="from"/> (a second click, a race).</summary>
    public static async Task<bool> TransitionAsync(UnitOfWork work, Guid pairingId, PairingStatus from, PairingStatus to, DateTimeOffset at, CancellationToken ct) =>
        await work.ExecuteAsync("""
            update pairings set status = @to,
                accepted_at = case when @accepted then @at else accepted_at end,
                ended_at = case when @over then @at else ended_at end
            where id = @pairingId and status = @from
            """, new
        {
            pairingId,
            from = StateText.Of(from),
            to = StateText.Of(to),
            at,
            accepted = to == PairingStatus.Active,
            over = to is PairingStatus.Ended or PairingStatus.Declined or PairingStatus.Expired,
        }, ct) == 1;

    /// <summary>Proposals nobody answered in time become expired; returns them.</summary>
    public static Task<IReadOnlyList<Guid>> ExpireProposalsAsync(UnitOfWork work, Guid workspaceId, DateTimeOffset now, CancellationToken ct) =>
        work.QueryAsync<Guid>("""
            update pairings set status = @expired, ended_at = @now
            where workspace_id = @workspaceId and status = @proposed and proposal_expires_at <= @now returning id
            """, new { workspaceId, now, expired = StateText.Of(PairingStatus.Expired), proposed = StateText.Of(PairingStatus.Proposed) }, ct);

    private sealed record Row(Guid Id, Guid WorkspaceId, string Kind, string Status, double Score, string Explanation, DateTimeOffset CreatedAt,
        Guid MemberId, string ExternalUserId, string Name, string Role, string? TimeZone);

    private async Task<IReadOnlyList<Pairing>> ReadAsync(string sql, object parameters, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        // Rows come ordered pairing by pairing: one pairing per run of rows with the same id.
        var list = new List<Pairing>();
        foreach (var row in rows)
        {
            var member = new PairingMember(row.MemberId, row.ExternalUserId, row.Name, row.Role, row.TimeZone);
            if (list.Count > 0 && list[^1].Id == row.Id)
            {
                list[^1] = list[^1] with { Members = [.. list[^1].Members, member] };
                continue;
            }

            list.Add(new Pairing(row.Id, row.WorkspaceId, row.Kind, StateText.Parse<PairingStatus>(row.Status), row.Score, row.Explanation, row.CreatedAt, [member]));
        }

        return list;
    }
}
