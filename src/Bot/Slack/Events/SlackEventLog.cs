using Npgsql;

namespace PeerBot.Bot.Slack.Events;

/// <summary>Remembers every event_id PeerBot accepted, in PostgreSQL so every instance shares the memory.</summary>
public sealed class SlackEventLog(NpgsqlDataSource db)
{
    /// <summary>True the first time an event id is seen; false for Slack's retries of it.</summary>
    public async Task<bool> TryRecordAsync(string eventId, string teamId, string eventType, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("insert into slack_events (event_id, team_id, event_type) values ($1, $2, $3) on conflict (event_id) do nothing");
        cmd.Parameters.Add(new() { Value = eventId });
        cmd.Parameters.Add(new() { Value = teamId });
        cmd.Parameters.Add(new() { Value = eventType });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Forgets event ids received before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("delete from slack_events where received_at < $1");
        cmd.Parameters.Add(new() { Value = before });
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
