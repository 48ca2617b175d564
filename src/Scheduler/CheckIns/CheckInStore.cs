using Npgsql;

namespace PeerBot.Scheduler.CheckIns;

/// <summary>Check-in answers in PostgreSQL.</summary>
public sealed class CheckInStore(NpgsqlDataSource db)
{
    /// <summary>Records (or changes) one person's answer for the week; a rating only with "met".</summary>
    public async Task RecordAsync(Guid pairingId, Guid memberId, DateOnly week, CheckInAnswer answer, int? rating, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            insert into checkins (pairing_id, member_id, week, answer, rating, answered_at) values ($1, $2, $3, $4, $5, $6)
            on conflict (pairing_id, member_id, week) do update set answer = excluded.answer,
                rating = coalesce(excluded.rating, case when excluded.answer = 'met' then checkins.rating end), answered_at = excluded.answered_at
            """);
        cmd.Parameters.Add(new() { Value = pairingId });
        cmd.Parameters.Add(new() { Value = memberId });
        cmd.Parameters.Add(new() { Value = week });
        cmd.Parameters.Add(new() { Value = Code(answer) });
        cmd.Parameters.Add(new() { Value = rating.HasValue ? rating.Value : DBNull.Value });
        cmd.Parameters.Add(new() { Value = at });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Pairings where somebody answered for the week.</summary>
    public async Task<IReadOnlySet<Guid>> AnsweredAsync(Guid workspaceId, DateOnly week, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select distinct c.pairing_id from checkins c join pairings p on p.id = c.pairing_id where p.workspace_id = $1 and c.week = $2");
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = week });
        return await IdsAsync(cmd, ct);
    }

    /// <summary>Pairings with a "met" since <paramref name="sinceWeek"/>.</summary>
    public async Task<IReadOnlySet<Guid>> MetSinceAsync(Guid workspaceId, DateOnly sinceWeek, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select distinct c.pairing_id from checkins c join pairings p on p.id = c.pairing_id where p.workspace_id = $1 and c.week >= $2 and c.answer = 'met'");
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = sinceWeek });
        return await IdsAsync(cmd, ct);
    }

    public static string Code(CheckInAnswer answer) => answer switch
    {
        CheckInAnswer.Met => "met",
        CheckInAnswer.NotYet => "not_yet",
        _ => "skip",
    };

    private static async Task<IReadOnlySet<Guid>> IdsAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var ids = new HashSet<Guid>();
        while (await r.ReadAsync(ct))
        {
            ids.Add(r.GetGuid(0));
        }

        return ids;
    }
}
