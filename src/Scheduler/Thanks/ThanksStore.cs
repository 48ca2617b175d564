using Dapper;
using Npgsql;
using PeerBot.Matching.Pulse;
using PeerBot.Scheduler.CheckIns;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Scheduler.Thanks;

/// <summary>Thanks in PostgreSQL: recorded inside a unit of work (with the DM it sends), read on their own.</summary>
public sealed class ThanksStore(NpgsqlDataSource db)
{
    /// <summary>How many received thanks the Home tab and profile list with their notes.</summary>
    public const int RecentShown = 5;

    /// <summary>Records one thanks; null when one with the same <paramref name="onceKey"/> is already there (a double click).</summary>
    public static async Task<Guid?> RecordAsync(UnitOfWork work, Guid workspaceId, Guid giver, Guid receiver, Guid? pairingId, string? note, DateTimeOffset at, string onceKey,
        bool withheld, CancellationToken ct) =>
        await work.QuerySingleOrDefaultAsync<Guid?>("""
            insert into thanks (id, workspace_id, giver_member_id, receiver_member_id, pairing_id, note, given_at, once_key, withheld)
            values (@id, @workspaceId, @giver, @receiver, @pairingId, @note, @at, @onceKey, @withheld)
            on conflict (workspace_id, once_key) do nothing returning id
            """, new { id = Guid.NewGuid(), workspaceId, giver, receiver, pairingId, note, at, onceKey, withheld }, ct);

    /// <summary>Whether every one of these thanks was already recorded (the Say thanks button clicked again).</summary>
    public async Task<bool> AllRecordedAsync(Guid workspaceId, IReadOnlyList<string> onceKeys, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*)::int from thanks where workspace_id = @workspaceId and once_key = any(@onceKeys)",
            new { workspaceId, onceKeys = onceKeys.ToArray() }, cancellationToken: ct)) == onceKeys.Count;
    }

    /// <summary>Whether the member said "met" for this pairing and week (the Say thanks button comes after that answer).</summary>
    public static Task<bool> SaidMetAsync(UnitOfWork work, Guid pairingId, Guid memberId, DateOnly week, CancellationToken ct) =>
        work.ExecuteScalarAsync<bool>(
            "select exists (select 1 from checkins where pairing_id = @pairingId and member_id = @memberId and week = @week and answer = @met)",
            new { pairingId, memberId, week, met = StateText.Of(CheckInAnswer.Met) }, ct);

    /// <summary>Whether the two have ever been paired (a pairing that was or is active): who one may thank.</summary>
    public async Task<bool> WerePairedAsync(Guid a, Guid b, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            select exists (select 1 from pairing_members x join pairing_members y on y.pairing_id = x.pairing_id join pairings p on p.id = x.pairing_id
                           where x.member_id = @a and y.member_id = @b and p.status = any(@statuses))
            """, new { a, b, statuses = new[] { StateText.Of(PairingStatus.Active), StateText.Of(PairingStatus.Ended) } }, cancellationToken: ct));
    }

    /// <summary>Per pairing: the latest week someone said "met" (null: never), and whether anyone answered a check-in at all.</summary>
    public async Task<IReadOnlyDictionary<Guid, (DateOnly? LastMet, bool Answered)>> ProgressAsync(IReadOnlyList<Guid> pairingIds, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(Guid Id, DateTime? LastMet)>(new CommandDefinition("""
            select pairing_id, max(week) filter (where answer = @met) from checkins where pairing_id = any(@pairingIds) group by pairing_id
            """, new { pairingIds = pairingIds.ToArray(), met = StateText.Of(CheckInAnswer.Met) }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => (r.LastMet is { } d ? DateOnly.FromDateTime(d) : (DateOnly?)null, true));
    }

    /// <summary>A member's ripples: colleagues met (in pairings where somebody answered "met"), thanks received and the latest notes.</summary>
    public async Task<Ripples> RipplesAsync(Guid memberId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var met = await conn.ExecuteScalarAsync<int>(new CommandDefinition("""
            select count(distinct other.member_id)::int
            from pairing_members mine join pairing_members other on other.pairing_id = mine.pairing_id and other.member_id <> mine.member_id
            where mine.member_id = @memberId and exists (select 1 from checkins c where c.pairing_id = mine.pairing_id and c.answer = @met)
            """, new { memberId, met = StateText.Of(CheckInAnswer.Met) }, cancellationToken: ct));
        var received = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*)::int from thanks where receiver_member_id = @memberId and not withheld", new { memberId }, cancellationToken: ct));
        var recent = await conn.QueryAsync<(string Name, string? Note, DateTime At)>(new CommandDefinition("""
            select g.display_name, t.note, t.given_at from thanks t join members g on g.id = t.giver_member_id
            where t.receiver_member_id = @memberId and not t.withheld order by t.given_at desc limit @limit
            """, new { memberId, limit = RecentShown }, cancellationToken: ct));
        return new Ripples(met, received, [.. recent.Select(r => new ThanksNote(r.Name, r.Note, new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc))))]);
    }

    /// <summary>
    /// Thanks given and the share of pairings that met, for the coaches: the term so far, up to the end of last week, in the
    /// workspace's zone. Only counts leave the database, and each is withheld below the threshold of people it rests on.
    /// </summary>
    public async Task<ThanksHealth> HealthAsync(Guid workspaceId, DateOnly since, DateOnly until, TimeZoneInfo zone, SuppressionThreshold threshold, CancellationToken ct)
    {
        var from = Schedules.TimeZones.ToInstant(since.ToDateTime(TimeOnly.MinValue), zone).ToUniversalTime();
        var to = Schedules.TimeZones.ToInstant(until.AddDays(1).ToDateTime(TimeOnly.MinValue), zone).ToUniversalTime();
        var fromWeek = since.AddDays(-(((int)since.DayOfWeek + 6) % 7));
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleAsync<(int Given, int Givers, int Pairings, int Met)>(new CommandDefinition("""
            with term as (
                select p.id from pairings p where p.workspace_id = @workspaceId and p.status = any(@statuses)
                and coalesce(p.accepted_at, p.created_at) < @to and (p.ended_at is null or p.ended_at >= @from))
            select (select count(*) from thanks where workspace_id = @workspaceId and not withheld and given_at >= @from and given_at < @to)::int,
                   (select count(distinct giver_member_id) from thanks where workspace_id = @workspaceId and not withheld and given_at >= @from and given_at < @to)::int,
                   (select count(*) from term)::int,
                   (select count(*) from term where exists (
                        select 1 from checkins c where c.pairing_id = term.id and c.answer = @met and c.week >= @fromWeek and c.week <= @until))::int
            """, new
        {
            workspaceId, from, to, fromWeek, until,
            statuses = new[] { StateText.Of(PairingStatus.Active), StateText.Of(PairingStatus.Ended) },
            met = StateText.Of(CheckInAnswer.Met),
        }, cancellationToken: ct));
        return new ThanksHealth(since, until,
            threshold.Allows(row.Givers) ? row.Given : null,
            threshold.Allows(row.Pairings) ? (double)row.Met / row.Pairings : null,
            row.Pairings);
    }
}
