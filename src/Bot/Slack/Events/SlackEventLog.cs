using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace PeerBot.Bot.Slack.Events;

/// <summary>
/// Every event_id PeerBot accepted, in PostgreSQL so every instance shares it. An event is <em>done</em> only once its
/// handler committed; before that it is claimed for a short lease by whoever runs it, and a failed run releases it, so
/// Slack's retry (or <see cref="SlackEventRedelivery"/>) runs it again. The payload is kept only until it is done.
/// </summary>
public sealed class SlackEventLog(NpgsqlDataSource db)
{
    /// <summary>How long one run may hold an event before another instance may run it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Runs given to one event (first delivery included) before it is left alone and logged.</summary>
    public const int MaxAttempts = 5;

    /// <summary>Records the event, or takes a retry of one not yet done; true when the caller now runs it.</summary>
    public async Task<bool> TryClaimAsync(string eventId, string teamId, string eventType, JsonElement payload, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            insert into slack_events (event_id, team_id, event_type, payload, claimed_until, attempts) values ($1, $2, $3, $4, now() + $5, 1)
            on conflict (event_id) do update set claimed_until = now() + $5, attempts = slack_events.attempts + 1
            where slack_events.handled_at is null and (slack_events.claimed_until is null or slack_events.claimed_until < now())
            returning 1
            """);
        cmd.Parameters.Add(new() { Value = eventId });
        cmd.Parameters.Add(new() { Value = teamId });
        cmd.Parameters.Add(new() { Value = eventType });
        cmd.Parameters.Add(new() { Value = payload.GetRawText(), NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new() { Value = Lease });
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>An event PeerBot has no handler for: done on arrival.</summary>
    public async Task RecordIgnoredAsync(string eventId, string teamId, string eventType, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("insert into slack_events (event_id, team_id, event_type, handled_at) values ($1, $2, $3, now()) on conflict (event_id) do nothing");
        cmd.Parameters.Add(new() { Value = eventId });
        cmd.Parameters.Add(new() { Value = teamId });
        cmd.Parameters.Add(new() { Value = eventType });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The handler committed: retries are duplicates from now on, and the payload is forgotten.</summary>
    public async Task DoneAsync(string eventId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("update slack_events set handled_at = now(), claimed_until = null, payload = null where event_id = $1");
        cmd.Parameters.Add(new() { Value = eventId });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The handler failed: Slack's retry may take it at once; the redelivery loop after <paramref name="wait"/>.</summary>
    public async Task ReleaseAsync(string eventId, TimeSpan wait, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("update slack_events set claimed_until = null, next_attempt_at = now() + $2 where event_id = $1 and handled_at is null");
        cmd.Parameters.Add(new() { Value = eventId });
        cmd.Parameters.Add(new() { Value = wait });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Claims events whose handling failed (or whose runner died) and are due again, within Slack's own retry horizon.</summary>
    public async Task<IReadOnlyList<(string EventId, string TeamId, JsonElement Payload)>> ClaimDueAsync(int limit, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            update slack_events set claimed_until = now() + $2, attempts = attempts + 1
            where event_id in (
                select event_id from slack_events
                where handled_at is null and payload is not null and next_attempt_at <= now()
                  and (claimed_until is null or claimed_until < now()) and attempts < $3 and received_at > now() - interval '1 hour'
                order by next_attempt_at limit $1 for update skip locked)
            returning event_id, team_id, payload::text
            """);
        cmd.Parameters.Add(new() { Value = limit });
        cmd.Parameters.Add(new() { Value = Lease });
        cmd.Parameters.Add(new() { Value = MaxAttempts });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var due = new List<(string, string, JsonElement)>();
        while (await r.ReadAsync(ct))
        {
            using var doc = JsonDocument.Parse(r.GetString(2));
            due.Add((r.GetString(0), r.GetString(1), doc.RootElement.Clone()));
        }

        return due;
    }

    /// <summary>Forgets event ids received before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("delete from slack_events where received_at < $1");
        cmd.Parameters.Add(new() { Value = before });
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
