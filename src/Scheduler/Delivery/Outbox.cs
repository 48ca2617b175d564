using Npgsql;
using NpgsqlTypes;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Scheduler.Delivery;

/// <summary>
/// Puts messages into the durable outbox. A delivery key already there is skipped, so a job that runs
/// twice (a retry, a second instance) adds nothing. Scheduled messages get the recipients' next allowed moment.
/// </summary>
public sealed class Outbox(NpgsqlDataSource db, WorkspaceSettingsStore settings, OutboxSignal signal, TimeProvider clock)
{
    /// <summary>Enqueues; returns how many were new. Pass a transaction to commit the messages with the decision that made them.</summary>
    public async Task<int> EnqueueAsync(Guid workspaceId, IReadOnlyList<OutboxEntry> entries, CancellationToken ct, NpgsqlConnection? connection = null, NpgsqlTransaction? tx = null)
    {
        if (entries.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        SendingWindow? window = null;
        TimeZoneInfo? workspaceZone = null;
        if (entries.Any(e => e.Urgency == Urgency.Scheduled))
        {
            var s = await settings.GetAsync(workspaceId, ct);
            (window, workspaceZone) = (s.Window, s.Zone);
        }

        var due = entries.Select(e => e.Urgency == Urgency.Now
            ? now
            : window!.NextAllowedForAll(now, [.. e.Recipients.Select((_, i) => TimeZones.FindOr(i < e.TimeZones.Count ? e.TimeZones[i] : null, workspaceZone!))]))
            .Select(t => t.ToUniversalTime()).ToArray();

        const string sql = """
            insert into outbox (workspace_id, delivery_key, recipients, channel_key, purpose, member_id, pairing_id, message, next_attempt_at, conversation)
            select $1, k, string_to_array(r, ','), c, p, m, g, j, n, v
            from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::jsonb[], $9::timestamptz[], $10::text[]) as t(k, r, c, p, m, g, j, n, v)
            on conflict (delivery_key) do nothing
            """;
        await using var cmd = connection is null ? db.CreateCommand(sql) : new NpgsqlCommand(sql, connection, tx);
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = entries.Select(e => e.DeliveryKey).ToArray() });
        cmd.Parameters.Add(new() { Value = entries.Select(e => string.Join(',', e.Recipients)).ToArray() });
        cmd.Parameters.Add(new() { Value = entries.Select(e => e.ChannelKey).ToArray() });
        cmd.Parameters.Add(new() { Value = entries.Select(e => e.Purpose).ToArray() });
        cmd.Parameters.Add(new() { Value = entries.Select(e => e.MemberId).ToArray() });
        cmd.Parameters.Add(new() { Value = entries.Select(e => e.PairingId).ToArray() });
        cmd.Parameters.Add(new() { Value = entries.Select(e => OutboxJson.Serialize(e.Message)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new() { Value = due });
        cmd.Parameters.Add(new() { Value = entries.Select(e => e.Conversation).ToArray() });
        var added = await cmd.ExecuteNonQueryAsync(ct);
        if (tx is null)
        {
            signal.Wake();
        }

        return added;
    }

    /// <summary>Tells this instance's dispatcher to look now (after a caller's transaction committed).</summary>
    public void Wake() => signal.Wake();

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(Guid workspaceId, int limit, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select delivery_key, purpose, recipients, attempts, last_error, created_at from outbox
            where workspace_id = $1 and state = 'dead' order by created_at desc limit $2
            """);
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = limit });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<DeadLetter>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new DeadLetter(r.GetString(0), r.GetString(1), r.GetFieldValue<string[]>(2), r.GetInt32(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetFieldValue<DateTimeOffset>(5)));
        }

        return list;
    }

    /// <summary>Messages by state for a workspace: what <c>admin show</c> reports.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountsAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select state, count(*) from outbox where workspace_id = $1 group by state");
        cmd.Parameters.Add(new() { Value = workspaceId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await r.ReadAsync(ct))
        {
            counts[r.GetString(0)] = r.GetInt64(1);
        }

        return counts;
    }
}
