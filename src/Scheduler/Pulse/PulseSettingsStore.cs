using System.Text.Json;
using Npgsql;
using PeerBot.Matching.Pulse;

namespace PeerBot.Scheduler.Pulse;

/// <summary>Pulse settings per workspace in PostgreSQL; a workspace without a row has the defaults.</summary>
public sealed class PulseSettingsStore(NpgsqlDataSource db)
{
    public async Task<PulseSettings> GetAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select questions::text, schedule, every_weeks, anchor, resources from pulse_settings where workspace_id = $1");
        cmd.Parameters.Add(new() { Value = workspaceId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            return PulseSettings.Default;
        }

        var questions = r.IsDBNull(0) ? PulseQuestions.Defaults : ReadQuestions(r.GetString(0));
        return new PulseSettings(questions, r.GetString(1), r.GetInt32(2), r.GetFieldValue<DateOnly>(3), r.GetString(4));
    }

    public Task SetQuestionsAsync(Guid workspaceId, IReadOnlyList<PulseQuestion>? questions, CancellationToken ct) =>
        UpsertAsync(workspaceId, "questions", questions is null ? DBNull.Value : WriteQuestions(questions), ct, "::jsonb");

    public Task SetResourcesAsync(Guid workspaceId, string resources, CancellationToken ct) => UpsertAsync(workspaceId, "resources", resources, ct);

    public async Task SetScheduleAsync(Guid workspaceId, string cron, int everyWeeks, DateOnly anchor, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            insert into pulse_settings (workspace_id, schedule, every_weeks, anchor) values ($1, $2, $3, $4)
            on conflict (workspace_id) do update set schedule = excluded.schedule, every_weeks = excluded.every_weeks, anchor = excluded.anchor
            """);
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = cron });
        cmd.Parameters.Add(new() { Value = everyWeeks });
        cmd.Parameters.Add(new() { Value = anchor });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static string WriteQuestions(IReadOnlyList<PulseQuestion> questions) => JsonSerializer.Serialize(questions);

    public static IReadOnlyList<PulseQuestion> ReadQuestions(string json) => JsonSerializer.Deserialize<List<PulseQuestion>>(json) ?? [.. PulseQuestions.Defaults];

    private async Task UpsertAsync(Guid workspaceId, string column, object value, CancellationToken ct, string cast = "")
    {
        // The column name is one of ours, never input.
        await using var cmd = db.CreateCommand($"insert into pulse_settings (workspace_id, {column}) values ($1, $2{cast}) on conflict (workspace_id) do update set {column} = excluded.{column}");
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = value });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
