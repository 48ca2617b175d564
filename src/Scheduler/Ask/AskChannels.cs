using Npgsql;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Scheduler.Ask;

/// <summary>The workspace's peer-support channel, where questions nobody claimed for two school days are posted anonymously.</summary>
public sealed class AskChannels(NpgsqlDataSource db)
{
    public static Task<string?> FindAsync(UnitOfWork work, Guid workspaceId, CancellationToken ct) =>
        work.ExecuteScalarAsync<string?>("select channel_id from ask_channels where workspace_id = @workspaceId", new { workspaceId }, ct);

    public async Task<(string ChannelId, string? Name)?> GetAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select channel_id, channel_name from ask_channels where workspace_id = $1");
        cmd.Parameters.Add(new() { Value = workspaceId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)) : null;
    }

    /// <summary>Sets the channel, or clears it when <paramref name="channelId"/> is null.</summary>
    public async Task SetAsync(Guid workspaceId, string? channelId, string? name, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(channelId is null
            ? "delete from ask_channels where workspace_id = $1"
            : "insert into ask_channels (workspace_id, channel_id, channel_name) values ($1, $2, $3) on conflict (workspace_id) do update set channel_id = excluded.channel_id, channel_name = excluded.channel_name");
        cmd.Parameters.Add(new() { Value = workspaceId });
        if (channelId is not null)
        {
            cmd.Parameters.Add(new() { Value = channelId });
            cmd.Parameters.Add(new() { Value = (object?)name ?? DBNull.Value });
        }

        await cmd.ExecuteNonQueryAsync(ct);
    }
}
