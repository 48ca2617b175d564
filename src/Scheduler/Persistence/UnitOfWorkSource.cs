using Npgsql;
using PeerBot.Scheduler.Delivery;

namespace PeerBot.Scheduler.Persistence;

/// <summary>Opens units of work: every feature that changes state begins one here (<c>await using var work = await units.BeginAsync(ct)</c>).</summary>
public sealed class UnitOfWorkSource(NpgsqlDataSource db, Outbox outbox, JobIntentRelay relay)
{
    public async Task<UnitOfWork> BeginAsync(CancellationToken ct)
    {
        var connection = await db.OpenConnectionAsync(ct);
        try
        {
            return new UnitOfWork(connection, await connection.BeginTransactionAsync(ct), outbox, relay);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
