using System.Linq.Expressions;
using Dapper;
using Hangfire.Common;
using Hangfire.Storage;
using Npgsql;
using PeerBot.Scheduler.Delivery;

namespace PeerBot.Scheduler.Persistence;

/// <summary>
/// One decision and everything it implies — state changes, messages (outbox rows), jobs to schedule (job intents) —
/// on one connection in one transaction: all of it commits, or none of it. Disposing without
/// <see cref="CommitAsync"/> rolls everything back. After the commit, the outbox is woken and the jobs are handed to
/// Hangfire by <see cref="JobIntentRelay"/> (at once, and again later for any the relay could not hand over).
/// </summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    private readonly Outbox _outbox;
    private readonly JobIntentRelay _relay;
    private bool _sent;
    private bool _scheduled;

    internal UnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction, Outbox outbox, JobIntentRelay relay)
    {
        Connection = connection;
        Transaction = transaction;
        _outbox = outbox;
        _relay = relay;
    }

    internal NpgsqlConnection Connection { get; }

    internal NpgsqlTransaction Transaction { get; }

    public Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken ct) => Connection.ExecuteAsync(Command(sql, parameters, ct));

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken ct) => [.. await Connection.QueryAsync<T>(Command(sql, parameters, ct))];

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters, CancellationToken ct) => Connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters, ct));

    public Task<T?> ExecuteScalarAsync<T>(string sql, object? parameters, CancellationToken ct) => Connection.ExecuteScalarAsync<T>(Command(sql, parameters, ct));

    /// <summary>Holds a named lock until this unit of work ends (commit or rollback), on every instance; false when <paramref name="wait"/> is false and another holds it.</summary>
    public async Task<bool> LockAsync(string name, bool wait, CancellationToken ct) => await ExecuteScalarAsync<bool>(wait
        ? "select pg_advisory_xact_lock(hashtextextended(@name, 0)) is not null"
        : "select pg_try_advisory_xact_lock(hashtextextended(@name, 0))", new { name }, ct);

    /// <summary>Puts messages into the outbox with this decision; returns how many were new (a delivery key already there is skipped).</summary>
    public async Task<int> SendAsync(Guid workspaceId, IReadOnlyList<OutboxEntry> entries, CancellationToken ct)
    {
        var added = await _outbox.EnqueueAsync(this, workspaceId, entries, ct);
        _sent |= added > 0;
        return added;
    }

    /// <summary>
    /// Records a job to run at <paramref name="runAt"/> (by the app's clock) with this decision. <paramref name="key"/> names it
    /// for good: a decision retried records it once. The job itself must be idempotent: a crash between handing it to
    /// Hangfire and noting that may hand it over twice.
    /// </summary>
    public async Task ScheduleAsync<TJob>(string key, Expression<Func<TJob, Task>> call, DateTimeOffset runAt, CancellationToken ct)
    {
        var job = InvocationData.SerializeJob(Job.FromExpression(call)).SerializePayload();
        _scheduled |= await ExecuteAsync("""
            insert into job_intents (intent_key, job, run_at) values (@key, @job, @runAt)
            on conflict (intent_key) do nothing
            """, new { key, job, runAt }, ct) > 0;
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        await Transaction.CommitAsync(ct);
        if (_sent)
        {
            _outbox.Wake();
        }

        if (_scheduled)
        {
            // Committed: whatever happens to the hand-over now, the relay retries it until Hangfire has the jobs.
            await _relay.RelayAsync(CancellationToken.None);
        }
    }

    /// <summary>Ends the unit of work; a transaction not committed is rolled back with everything in it.</summary>
    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }

    private CommandDefinition Command(string sql, object? parameters, CancellationToken ct) => new(sql, parameters, Transaction, cancellationToken: ct);
}
