using Npgsql;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Observability;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Bot.Observability;

/// <summary>
/// The outbox as an operator watches it: pending, sent, dead rows and the age of the oldest due row, read from the
/// table every few seconds (observable gauges must not query the database in their callback).
/// </summary>
public sealed partial class OutboxGauges(NpgsqlDataSource db, TimeProvider clock, ILogger<OutboxGauges> log) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);
    private volatile Snapshot _last = new(0, 0, 0, 0);

    public void Register(PeerBotMetrics metrics)
    {
        metrics.Meter.CreateObservableGauge("peerbot.outbox.pending", () => _last.Pending, "{message}", "Outbox rows waiting to be sent (pending or being sent)");
        metrics.Meter.CreateObservableGauge("peerbot.outbox.sent", () => _last.Sent, "{message}", "Outbox rows sent and still kept");
        metrics.Meter.CreateObservableGauge("peerbot.outbox.dead", () => _last.Dead, "{message}", "Dead letters");
        metrics.Meter.CreateObservableGauge("peerbot.outbox.oldest_due_age", () => _last.OldestDueAgeSeconds, "s", "How long the oldest due row has been waiting");
    }

    /// <summary>Reads the table once (also used by tests for a reading they can wait on).</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select count(*) filter (where state = any($2)),
                   count(*) filter (where state = $3),
                   count(*) filter (where state = $4),
                   min(next_attempt_at) filter (where state = any($2) and next_attempt_at <= $1)
            from outbox
            """);
        var now = clock.GetUtcNow();
        cmd.Parameters.Add(new() { Value = now });
        cmd.Parameters.Add(new() { Value = StateText.Of([OutboxState.Pending, OutboxState.Sending]) });
        cmd.Parameters.Add(new() { Value = StateText.Of(OutboxState.Sent) });
        cmd.Parameters.Add(new() { Value = StateText.Of(OutboxState.Dead) });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var oldest = reader.IsDBNull(3) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(3);
        _last = new Snapshot(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), oldest is { } o ? Math.Max(0, (now - o).TotalSeconds) : 0);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
                await Task.Delay(Every, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException e)
            {
                LogFailed(e);
                await Task.Delay(Every, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not read the outbox for its gauges")]
    private partial void LogFailed(Exception e);

    private sealed record Snapshot(long Pending, long Sent, long Dead, double OldestDueAgeSeconds);
}
