using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Scheduler.Delivery;

/// <summary>
/// Drains the outbox on every instance. A hosted loop rather than a Hangfire job: pacing needs
/// sub-second timing and thousands of sends a minute, which Hangfire's 1-s queue polling and per-job
/// bookkeeping would throttle; Hangfire keeps the schedules, the outbox keeps the delivery.
/// Rows are claimed with <c>for update skip locked</c> and a lease, so instances never share a row,
/// and a row left in <c>sending</c> by a crash is looked for on the platform before it is sent again.
/// </summary>
public sealed partial class OutboxDispatcher(
    NpgsqlDataSource db,
    ChatGateways gateways,
    WorkspaceDirectory workspaces,
    DeliveryPacer pacer,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> log) : BackgroundService
{
    // Unique per dispatcher, not per process: tests run two hosts in one process.
    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<Guid, Workspace?> _workspaceCache = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
        {
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DispatchBatchAsync(stoppingToken) == 0)
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Delivery must outlive any one failure (a database blip, a bug in one message): log, wait, go on.
                LogLoopFailed(e);
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
        }
    }

    /// <summary>Claims one batch of due rows and delivers them; returns how many were claimed.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        var batch = await ClaimAsync(ct);
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = ct }, DeliverOneAsync);
        _workspaceCache.Clear();
        return batch.Count;
    }

    private async Task<List<ClaimedDelivery>> ClaimAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var cmd = db.CreateCommand("""
            with due as (
                select id, state as was from outbox
                where (state = 'pending' and next_attempt_at <= $1) or (state = 'sending' and claimed_until < $1)
                order by next_attempt_at, id
                limit $2
                for update skip locked)
            update outbox o set state = 'sending', attempts = o.attempts + 1, claimed_until = $3, claimed_by = $4
            from due where o.id = due.id
            returning o.id, o.workspace_id, o.delivery_key, o.recipients, o.channel_key, o.message::text, o.attempts, o.uncertain or due.was = 'sending', o.conversation
            """);
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = options.Value.BatchSize });
        cmd.Parameters.Add(new() { Value = now + options.Value.Lease });
        cmd.Parameters.Add(new() { Value = _instance });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ClaimedDelivery>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new ClaimedDelivery(r.GetInt64(0), r.GetGuid(1), r.GetString(2), r.GetFieldValue<string[]>(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.GetInt32(6), r.GetBoolean(7), r.IsDBNull(8) ? null : r.GetString(8)));
        }

        return list.OrderBy(d => d.Id).ToList();
    }

    private async ValueTask DeliverOneAsync(ClaimedDelivery row, CancellationToken ct)
    {
        if (!_workspaceCache.TryGetValue(row.WorkspaceId, out var workspace))
        {
            workspace = _workspaceCache[row.WorkspaceId] = await workspaces.FindAsync(row.WorkspaceId, ct);
        }

        if (workspace is null || row.MessageJson is null)
        {
            await DeadAsync(row, "workspace or message gone", ct);
            return;
        }

        // A conversation busy for more than a few seconds gives its row back rather than holding a worker.
        if (pacer.ReserveChannel(row.WorkspaceId, row.ChannelKey, TimeSpan.FromSeconds(2)) is not { } channelSlot)
        {
            await RetryAsync(row, clock.GetUtcNow() + options.Value.ChannelInterval, uncertain: false, "conversation busy", countAttempt: false, ct);
            return;
        }

        await pacer.WaitUntilAsync(channelSlot, ct);
        await pacer.WaitForWorkspaceAsync(row.WorkspaceId, ct);
        var gateway = gateways.For(workspace);
        var message = new OutgoingMessage(row.DeliveryKey, row.Recipients, OutboxJson.Deserialize(row.MessageJson)) { Conversation = row.Conversation };
        try
        {
            if (row.OutcomeUnknown && await gateway.FindDeliveredAsync(workspace, message, ct) == true)
            {
                LogFoundAfterCrash(row.DeliveryKey);
                await SentAsync(row, ct);
                return;
            }

            await gateway.DeliverAsync(workspace, message, ct);
            await SentAsync(row, ct);
        }
        catch (ChatRateLimitedException e)
        {
            var until = clock.GetUtcNow() + e.RetryAfter;
            pacer.Hold(row.WorkspaceId, until);
            LogRateLimited(row.WorkspaceId, e.RetryAfter.TotalSeconds);
            await RetryOrDeadAsync(row, until, row.OutcomeUnknown, e.Message, ct);
        }
        catch (ChatDeliveryException e) when (e.Permanent)
        {
            await DeadAsync(row, e.Message, ct);
        }
        catch (ChatDeliveryException e)
        {
            await RetryOrDeadAsync(row, Backoff(row), row.OutcomeUnknown, e.Message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A timeout or a dropped connection may have delivered the message: look before the next try.
            await RetryOrDeadAsync(row, Backoff(row), uncertain: true, e.GetType().Name + ": " + e.Message, ct);
        }
    }

    private DateTimeOffset Backoff(ClaimedDelivery row) =>
        clock.GetUtcNow() + options.Value.RetryBase * Math.Pow(2, Math.Min(row.Attempts - 1, 10));

    private Task RetryOrDeadAsync(ClaimedDelivery row, DateTimeOffset next, bool uncertain, string error, CancellationToken ct) =>
        row.Attempts >= options.Value.MaxAttempts
            ? DeadAsync(row, error, ct)
            : RetryAsync(row, next, uncertain, error, countAttempt: true, ct);

    private async Task SentAsync(ClaimedDelivery row, CancellationToken ct)
    {
        // The content is not kept once delivered: the platform has it, the outbox only needs the key.
        await ExecAsync("update outbox set state = 'sent', sent_at = $2, message = null, claimed_until = null, uncertain = false, last_error = null where id = $1",
            CancellationToken.None, row.Id, clock.GetUtcNow());
    }

    private Task RetryAsync(ClaimedDelivery row, DateTimeOffset next, bool uncertain, string error, bool countAttempt, CancellationToken ct) =>
        ExecAsync("""
            update outbox set state = 'pending', next_attempt_at = $2, claimed_until = null, claimed_by = null,
                uncertain = uncertain or $3, last_error = $4, attempts = attempts - $5
            where id = $1
            """, CancellationToken.None, row.Id, next, uncertain, Truncate(error), countAttempt ? 0 : 1);

    private async Task DeadAsync(ClaimedDelivery row, string error, CancellationToken ct)
    {
        LogDead(row.DeliveryKey, row.Attempts);
        await ExecAsync("update outbox set state = 'dead', last_error = $2, claimed_until = null where id = $1", CancellationToken.None, row.Id, Truncate(error));
    }

    private static string Truncate(string s) => s.Length <= 500 ? s : s[..500];

    private async Task ExecAsync(string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var a in args)
        {
            cmd.Parameters.Add(new() { Value = a });
        }

        await cmd.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryKey} had already arrived before a restart: not sent again")]
    private partial void LogFoundAfterCrash(string deliveryKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workspace {WorkspaceId} rate limited: holding deliveries for {Seconds} s")]
    private partial void LogRateLimited(Guid workspaceId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryKey} gave up after {Attempts} attempts: dead letter")]
    private partial void LogDead(string deliveryKey, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox dispatch failed; trying again shortly")]
    private partial void LogLoopFailed(Exception e);
}
