using Npgsql;
using PeerBot.Scheduler.Delivery;

namespace PeerBot.Bot.Simulator;

/// <summary>
/// "Skip ahead to after class": scheduled messages wait in the outbox for each teacher's sending window; the time
/// panel moves the simulated workspace's waiting ones to now and wakes the dispatcher, which sends them as usual.
/// </summary>
public sealed class QuietHoursSkip(NpgsqlDataSource db, Outbox outbox)
{
    public async Task<int> DeliverWaitingNowAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            update outbox set next_attempt_at = now()
            where workspace_id = $1 and state = 'pending' and next_attempt_at > now()
            """);
        cmd.Parameters.Add(new() { Value = workspaceId });
        var moved = await cmd.ExecuteNonQueryAsync(ct);
        outbox.Wake();
        return moved;
    }
}
