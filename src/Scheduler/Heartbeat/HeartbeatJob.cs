using Npgsql;

namespace PeerBot.Scheduler.Heartbeat;

/// <summary>A smoke job: proves the Hangfire server picks up and runs work against the database.</summary>
public sealed class HeartbeatJob(NpgsqlDataSource db)
{
    public async Task RunAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("insert into job_heartbeats (job) values ('heartbeat')");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
