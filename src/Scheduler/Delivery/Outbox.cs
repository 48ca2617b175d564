using Dapper;
using Npgsql;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Scheduler.Delivery;

/// <summary>
/// Puts messages into the durable outbox. A delivery key already there is skipped, so a job that runs
/// twice (a retry, a second instance) adds nothing. Scheduled messages get the recipients' next allowed moment.
/// </summary>
public sealed class Outbox(NpgsqlDataSource db, WorkspaceSettingsStore settings, OutboxSignal signal, TimeProvider clock)
{
    /// <summary>Enqueues on its own, outside any decision (a test, a benchmark); returns how many were new.</summary>
    public async Task<int> EnqueueAsync(Guid workspaceId, IReadOnlyList<OutboxEntry> entries, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var added = await InsertAsync(conn, null, workspaceId, entries, ct);
        signal.Wake();
        return added;
    }

    /// <summary>Enqueues inside a unit of work, so the messages commit with the decision that made them (see <see cref="UnitOfWork.SendAsync"/>).</summary>
    internal Task<int> EnqueueAsync(UnitOfWork work, Guid workspaceId, IReadOnlyList<OutboxEntry> entries, CancellationToken ct) =>
        InsertAsync(work.Connection, work.Transaction, workspaceId, entries, ct);

    private async Task<int> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid workspaceId, IReadOnlyList<OutboxEntry> entries, CancellationToken ct)
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

        return await conn.ExecuteAsync(new CommandDefinition("""
            insert into outbox (workspace_id, delivery_key, recipients, channel_key, purpose, member_id, pairing_id, message, next_attempt_at, conversation)
            select @workspaceId, k, string_to_array(r, ','), c, p, m, g, j, n, v
            from unnest(@keys::text[], @recipients::text[], @channels::text[], @purposes::text[], @members::uuid[], @pairings::uuid[], @messages::jsonb[], @due::timestamptz[], @conversations::text[])
                as t(k, r, c, p, m, g, j, n, v)
            on conflict (delivery_key) do nothing
            """,
            new
            {
                workspaceId,
                keys = entries.Select(e => e.DeliveryKey).ToArray(),
                recipients = entries.Select(e => string.Join(',', e.Recipients)).ToArray(),
                channels = entries.Select(e => e.ChannelKey).ToArray(),
                purposes = entries.Select(e => e.Purpose).ToArray(),
                members = entries.Select(e => e.MemberId).ToArray(),
                pairings = entries.Select(e => e.PairingId).ToArray(),
                messages = entries.Select(e => OutboxJson.Serialize(e.Message)).ToArray(),
                due,
                conversations = entries.Select(e => e.Conversation).ToArray(),
            }, tx, cancellationToken: ct));
    }

    /// <summary>Tells this instance's dispatcher to look now (after a caller's transaction committed).</summary>
    public void Wake() => signal.Wake();

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(Guid workspaceId, int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<DeadRow>(new CommandDefinition("""
            select delivery_key as key, purpose, recipients, attempts, last_error as lasterror, created_at as createdat from outbox
            where workspace_id = @workspaceId and state = @dead order by created_at desc limit @limit
            """, new { workspaceId, dead = StateText.Of(OutboxState.Dead), limit }, cancellationToken: ct));
        return [.. rows.Select(r => new DeadLetter(r.Key, r.Purpose, r.Recipients, r.Attempts, r.LastError, r.CreatedAt))];
    }

    /// <summary>Messages by state for a workspace: what <c>admin show</c> reports.</summary>
    public async Task<IReadOnlyDictionary<OutboxState, long>> CountsAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(string State, long Count)>(new CommandDefinition(
            "select state, count(*) from outbox where workspace_id = @workspaceId group by state", new { workspaceId }, cancellationToken: ct));
        return rows.ToDictionary(r => StateText.Parse<OutboxState>(r.State), r => r.Count);
    }

    // Settable rather than positional: Dapper matches constructors by exact column type, and a text[] column reads as System.Array.
    private sealed class DeadRow
    {
        public string Key { get; init; } = "";

        public string Purpose { get; init; } = "";

        public string[] Recipients { get; init; } = [];

        public int Attempts { get; init; }

        public string? LastError { get; init; }

        public DateTimeOffset CreatedAt { get; init; }
    }
}
