using Dapper;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PeerBot.Scheduler.Persistence;

/// <summary>
/// Hands the jobs that committed decisions recorded (<see cref="UnitOfWork.ScheduleAsync{TJob}"/>) to Hangfire: right after
/// each commit, and on every instance at start and every <see cref="JobRelayOptions.RetryInterval"/> for any it could
/// not hand over (Hangfire's storage away, a crash right after the commit). Instances never take the same intent at once.
/// </summary>
public sealed partial class JobIntentRelay(
    NpgsqlDataSource db,
    IBackgroundJobClient jobs,
    IOptions<JobRelayOptions> options,
    TimeProvider clock,
    ILogger<JobIntentRelay> log) : BackgroundService
{
    private sealed record Intent(long Id, string Key, string Job, DateTimeOffset RunAt, int Attempts);

    /// <summary>Hands over every intent that is due for a try; returns how many Hangfire took. Never throws (the next look tries again).</summary>
    public async Task<int> RelayAsync(CancellationToken ct)
    {
        try
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            var due = await conn.QueryAsync<Intent>(new CommandDefinition("""
                select id, intent_key as key, job, run_at as runat, attempts from job_intents
                where scheduled_at is null and next_attempt_at <= now()
                order by id limit 100 for update skip locked
                """, transaction: tx, cancellationToken: ct));
            var handed = 0;
            foreach (var intent in due)
            {
                try
                {
                    var job = InvocationData.DeserializePayload(intent.Job).DeserializeJob();
                    var delay = intent.RunAt - clock.GetUtcNow();
                    var jobId = jobs.Create(job, delay > TimeSpan.Zero ? new ScheduledState(delay) : new EnqueuedState());
                    await conn.ExecuteAsync(new CommandDefinition(
                        "update job_intents set scheduled_at = now(), hangfire_job_id = @jobId, last_error = null where id = @id",
                        new { jobId, id = intent.Id }, tx, cancellationToken: ct));
                    handed++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogNotScheduled(intent.Key, intent.Attempts + 1, e);
                    await conn.ExecuteAsync(new CommandDefinition("""
                        update job_intents set attempts = attempts + 1, last_error = @error,
                            next_attempt_at = now() + least(interval '1 hour', @retry * power(2, attempts))
                        where id = @id
                        """, new { error = e.Message, retry = options.Value.RetryInterval, id = intent.Id }, tx, cancellationToken: ct));
                }
            }

            // Handed-over intents stay a week for an operator to look at, then go.
            await conn.ExecuteAsync(new CommandDefinition("delete from job_intents where scheduled_at < now() - interval '7 days'", transaction: tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return handed;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogRelayFailed(e);
            return 0;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RelayAsync(stoppingToken);
                await Task.Delay(options.Value.RetryInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {IntentKey} is committed but could not be scheduled (attempt {Attempt}); the relay offers it again")]
    private partial void LogNotScheduled(string intentKey, int attempt, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for jobs to schedule; trying again shortly")]
    private partial void LogRelayFailed(Exception e);
}
