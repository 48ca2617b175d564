using Npgsql;

namespace PeerBot.Bot.Teams;

/// <summary>
/// Which recipients of a delivery already got their copy: Teams introduces a pair with one 1:1 message
/// each, and a retry after a partial failure must not send the first person a second copy.
/// </summary>
public sealed class TeamsDeliveryLog(NpgsqlDataSource db)
{
    public async Task<string?> FindAsync(string deliveryKey, Guid memberId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select activity_id from teams_deliveries where delivery_key = $1 and member_id = $2");
        cmd.Parameters.Add(new() { Value = deliveryKey });
        cmd.Parameters.Add(new() { Value = memberId });
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    public async Task RecordAsync(string deliveryKey, Guid memberId, string activityId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("insert into teams_deliveries (delivery_key, member_id, activity_id) values ($1, $2, $3) on conflict do nothing");
        cmd.Parameters.Add(new() { Value = deliveryKey });
        cmd.Parameters.Add(new() { Value = memberId });
        cmd.Parameters.Add(new() { Value = activityId });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
