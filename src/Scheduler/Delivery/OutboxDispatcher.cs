using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Scheduler.Delivery;

/// <summary>
/// Drains the outbox on every instance. A hosted loop rather than a Hangfire job: pacing needs
/// sub-second timing and thousands of sends a minute, which Hangfire's 1-s queue polling and per-job
/// bookkeeping would throttle; Hangfire keeps the schedules, the outbox keeps the delivery.
/// Rows are claimed with <c>for update skip locked</c>, a short lease renewed while they are worked, and a claim
/// token every later update must present (a fence: an instance that lost its claim changes and sends nothing).
/// A row is marked uncertain just before it is handed to the platform, so after a crash only those are looked for.
/// </summary>
public sealed partial class OutboxDispatcher(
    NpgsqlDataSource db,
    ChatGateways gateways,
    WorkspaceDirectory workspaces,
    DeliveryPacer pacer,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> log,
    Observability.PeerBotMetrics? metrics = null) : BackgroundService
{
    // The states as stored (StateText), written into this state machine's SQL: our own constants, never input.
    private static readonly string Pending = StateText.Of(OutboxState.Pending), Sending = StateText.Of(OutboxState.Sending),
        Sent = StateText.Of(OutboxState.Sent), Dead = StateText.Of(OutboxState.Dead);

    // Unique per dispatcher, not per process: tests run two hosts in one process.
    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<Guid, Workspace?> _workspaceCache = new();
    private readonly ConcurrentDictionary<Guid, byte> _claims = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
        {
            return;
        }

        await Task.Yield();
        using var renewal = new PeriodicTimer(options.Value.Lease / 3);
        var renewing = RenewLeasesAsync(renewal, stoppingToken);
        try
        {
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
                    // In real time, like the poll: the app's clock is for deciding what is due, not for backing off.
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                }
            }
        }
        finally
        {
            await renewing;
            await ReleaseClaimsAsync();
        }
    }

    /// <summary>Claims one batch of due rows and delivers them; returns how many were claimed.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        var token = Guid.NewGuid();
        _claims[token] = 0;
        try
        {
            var batch = await ClaimAsync(token, ct);
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = ct }, DeliverOneAsync);
            _workspaceCache.Clear();
            return batch.Count;
        }
        finally
        {
            // Stopping: ReleaseClaimsAsync gives the batch's unfinished rows back. Otherwise any row left claimed (a failed update) goes back now.
            if (!ct.IsCancellationRequested)
            {
                try
                {
                    await ReleaseAsync([token]);
                }
                finally
                {
                    // Even when the release failed (database away): a token left here would have its rows' leases
                    // renewed for ever, so no instance would send them again; forgotten, they expire by themselves.
                    _claims.TryRemove(token, out _);
                }
            }
        }
    }

    private async Task<List<ClaimedDelivery>> ClaimAsync(Guid token, CancellationToken ct)
    {
        // Attempts are not counted here: only a try handed to the platform counts (see MarkHandedAsync).
        await using var cmd = db.CreateCommand($"""
            with due as (
                select id from outbox
                where (state = '{Pending}' and next_attempt_at <= $5) or (state = '{Sending}' and claimed_until < now())
                order by next_attempt_at, id
                limit $1
                for update skip locked)
            update outbox o set state = '{Sending}', claimed_until = now() + $2, claimed_by = $3, claim_token = $4
            from due where o.id = due.id
            returning o.id, o.workspace_id, o.delivery_key, o.recipients, o.channel_key, o.message::text, o.attempts, o.uncertain, o.conversation
            """);
        cmd.Parameters.Add(new() { Value = options.Value.BatchSize });
        cmd.Parameters.Add(new() { Value = options.Value.Lease });
        cmd.Parameters.Add(new() { Value = _instance });
        cmd.Parameters.Add(new() { Value = token });
        // Due by the app's clock (quiet hours are computed on it); leases by the database's, shared by all instances.
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ClaimedDelivery>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new ClaimedDelivery(r.GetInt64(0), token, r.GetGuid(1), r.GetString(2), r.GetFieldValue<string[]>(3), r.GetString(4),
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
            await DeadAsync(row, "workspace or message gone");
            return;
        }

        // A conversation busy for more than a few seconds gives its row back rather than holding a worker.
        if (pacer.ReserveChannel(row.WorkspaceId, row.ChannelKey, TimeSpan.FromSeconds(2)) is not { } channelSlot)
        {
            await RetryAsync(row, clock.GetUtcNow() + options.Value.ChannelInterval, row.OutcomeUnknown, "conversation busy", attemptDelta: 0);
            return;
        }

        await pacer.WaitUntilAsync(channelSlot, ct);
        await pacer.WaitForWorkspaceAsync(row.WorkspaceId, ct);
        var gateway = gateways.For(workspace);
        var message = new OutgoingMessage(row.DeliveryKey, row.Recipients, OutboxJson.Deserialize(row.MessageJson)) { Conversation = row.Conversation };
        var handed = false;
        var uncertainBefore = row.OutcomeUnknown;
        try
        {
            if (row.OutcomeUnknown)
            {
                switch (await gateway.FindDeliveredAsync(workspace, message, ct))
                {
                    case true:
                        LogFoundAfterCrash(row.DeliveryKey);
                        await SentAsync(row);
                        return;
                    case false:
                        // Looked and it is not there: nothing uncertain remains about earlier tries.
                        uncertainBefore = false;
                        break;
                }
            }

            // The fence: only the holder of the claim may hand the message over (a lost lease sends nothing).
            if (!await MarkHandedAsync(row))
            {
                LogClaimLost(row.DeliveryKey);
                return;
            }

            handed = true;
            await gateway.DeliverAsync(workspace, message, ct);
            await SentAsync(row);
        }
        catch (ChatRateLimitedException e)
        {
            // Backpressure, not failure: the platform took nothing, the workspace waits, no attempt is counted.
            metrics?.RateLimited(workspace.Platform);
            await pacer.HoldAsync(row.WorkspaceId, e.RetryAfter, CancellationToken.None);
            LogRateLimited(row.WorkspaceId, e.RetryAfter.TotalSeconds);
            await RetryAsync(row, clock.GetUtcNow() + e.RetryAfter, uncertainBefore, e.Message, attemptDelta: handed ? -1 : 0);
        }
        catch (ChatDeliveryException e) when (e.Permanent)
        {
            await DeadAsync(row, e.Message);
        }
        catch (ChatDeliveryException e)
        {
            // The platform answered "not done": the outcome is known, only earlier doubt remains.
            await RetryOrDeadAsync(row, Backoff(row), uncertainBefore, e.Message, handed);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the claim is released (ReleaseClaimsAsync); a handed row stays uncertain.
            throw;
        }
        catch (Exception e)
        {
            // A timeout or a dropped connection after the hand-over may have delivered the message: look before the next try.
            await RetryOrDeadAsync(row, Backoff(row), uncertainBefore || handed, e.GetType().Name + ": " + e.Message, handed);
        }
    }

    private DateTimeOffset Backoff(ClaimedDelivery row) =>
        clock.GetUtcNow() + options.Value.RetryBase * Math.Pow(2, Math.Min(row.Attempts, 10));

    /// <summary>A failed try counts once: at the hand-over if it got that far, here if it failed before (looking, opening the conversation).</summary>
    private Task RetryOrDeadAsync(ClaimedDelivery row, DateTimeOffset next, bool uncertain, string error, bool handed) =>
        row.Attempts + 1 >= options.Value.MaxAttempts
            ? DeadAsync(row, error)
            : RetryAsync(row, next, uncertain, error, attemptDelta: handed ? 0 : 1);

    /// <summary>Marks the row as handed to the platform (uncertain until finished) and counts the attempt, if the claim is still ours.</summary>
    private async Task<bool> MarkHandedAsync(ClaimedDelivery row) =>
        await ExecAsync($"update outbox set uncertain = true, attempts = attempts + 1 where id = $1 and claim_token = $2 and state = '{Sending}'",
            row.Id, row.ClaimToken) == 1;

    private async Task SentAsync(ClaimedDelivery row)
    {
        // The content is not kept once delivered: the platform has it, the outbox only needs the key.
        if (await ExecAsync($"""
            update outbox set state = '{Sent}', sent_at = $3, message = null, claimed_until = null, claim_token = null, uncertain = false, last_error = null
            where id = $1 and claim_token = $2
            """, row.Id, row.ClaimToken, clock.GetUtcNow()) == 0)
        {
            LogClaimLost(row.DeliveryKey);
        }
    }

    private async Task RetryAsync(ClaimedDelivery row, DateTimeOffset next, bool uncertain, string error, int attemptDelta)
    {
        if (await ExecAsync($"""
            update outbox set state = '{Pending}', next_attempt_at = $3, claimed_until = null, claimed_by = null, claim_token = null,
                uncertain = $4, last_error = $5, attempts = attempts + $6
            where id = $1 and claim_token = $2
            """, row.Id, row.ClaimToken, next, uncertain, Truncate(error), attemptDelta) == 0)
        {
            LogClaimLost(row.DeliveryKey);
        }
    }

    private async Task DeadAsync(ClaimedDelivery row, string error)
    {
        LogDead(row.DeliveryKey, row.Attempts + 1);
        await ExecAsync($"update outbox set state = '{Dead}', last_error = $3, claimed_until = null, claim_token = null where id = $1 and claim_token = $2",
            row.Id, row.ClaimToken, Truncate(error));
    }

    /// <summary>Keeps this instance's claims alive while it works them; a crashed instance stops renewing and its rows come free within a lease.</summary>
    private async Task RenewLeasesAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (_claims.IsEmpty)
                {
                    continue;
                }

                try
                {
                    await ExecAsync($"update outbox set claimed_until = now() + $2 where claim_token = any($1) and state = '{Sending}'",
                        _claims.Keys.ToArray(), options.Value.Lease);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRenewFailed(e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Graceful stop: this instance's unfinished rows go back at once (a handed one stays uncertain, so the next sender looks first).</summary>
    private async Task ReleaseClaimsAsync()
    {
        if (_claims.IsEmpty)
        {
            return;
        }

        try
        {
            LogReleased(await ReleaseAsync([.. _claims.Keys]));
            _claims.Clear();
        }
        catch (Exception e)
        {
            // The leases run out by themselves; another instance takes over then.
            LogRenewFailed(e);
        }
    }

    private Task<int> ReleaseAsync(Guid[] tokens) => ExecAsync($"""
        update outbox set state = '{Pending}', next_attempt_at = least(next_attempt_at, $2), claimed_until = null, claimed_by = null, claim_token = null
        where claim_token = any($1) and state = '{Sending}'
        """, tokens, clock.GetUtcNow());

    private static string Truncate(string s) => s.Length <= 500 ? s : s[..500];

    private async Task<int> ExecAsync(string sql, params object[] args)
    {
        // Never cancelled: a send that happened must be recorded even while the host is stopping.
        await using var cmd = db.CreateCommand(sql);
        foreach (var a in args)
        {
            cmd.Parameters.Add(new() { Value = a });
        }

        return await cmd.ExecuteNonQueryAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryKey} had already arrived before a restart: not sent again")]
    private partial void LogFoundAfterCrash(string deliveryKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryKey}: this instance's claim was taken over; leaving it to the new holder")]
    private partial void LogClaimLost(string deliveryKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workspace {WorkspaceId} rate limited: holding deliveries for {Seconds} s")]
    private partial void LogRateLimited(Guid workspaceId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryKey} gave up after {Attempts} attempts: dead letter")]
    private partial void LogDead(string deliveryKey, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox stopping: released {Count} claimed deliveries to other instances")]
    private partial void LogReleased(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox could not renew or release its claims; they expire by themselves")]
    private partial void LogRenewFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox dispatch failed; trying again shortly")]
    private partial void LogLoopFailed(Exception e);
}
