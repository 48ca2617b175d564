using Dapper;
using Npgsql;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Bot.Simulator;

/// <summary>
/// "Skip ahead to after class": scheduled messages wait in the outbox for each teacher's sending window; the time
/// panel moves the simulated workspace's waiting ones to now and wakes the dispatcher, which sends them as usual.
/// </summary>
public sealed class QuietHoursSkip(NpgsqlDataSource db, Outbox outbox)
{
    public async Task<int> DeliverWaitingNowAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var moved = await conn.ExecuteAsync(new CommandDefinition("""
            update outbox set next_attempt_at = now()
            where workspace_id = @workspaceId and state = @pending and next_attempt_at > now()
            """, new { workspaceId, pending = StateText.Of(OutboxState.Pending) }, cancellationToken: ct));
        outbox.Wake();
        return moved;
    }
}
