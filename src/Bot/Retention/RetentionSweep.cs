using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Bot.Retention;

/// <summary>What one sweep deleted.</summary>
public sealed record RetentionResult(int SentMessages, int DeadLetters, int SlackEvents, int PulseComments)
{
    public int Total => SentMessages + DeadLetters + SlackEvents + PulseComments;
}

/// <summary>
/// Deletes what is past its retention, measured against the injected clock: delivered messages, dead letters, Slack
/// event ids and the comments of old pulses. In batches, so a first sweep over years of rows never holds long locks.
/// </summary>
public sealed class RetentionSweep(NpgsqlDataSource db, TimeProvider clock, IOptions<RetentionOptions> options)
{
    private const int Batch = 5000;

    public async Task<RetentionResult> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        return new RetentionResult(
            await DeleteAsync("delete from outbox where id in (select id from outbox where state = @state and sent_at < @before limit @batch)", now - o.SentMessages, ct, OutboxState.Sent),
            // A dead letter keeps the time of its last attempt in next_attempt_at: nothing reschedules it afterwards.
            await DeleteAsync("delete from outbox where id in (select id from outbox where state = @state and next_attempt_at < @before limit @batch)", now - o.DeadLetters, ct, OutboxState.Dead),
            await DeleteAsync("delete from slack_events where event_id in (select event_id from slack_events where received_at < @before limit @batch)", now - o.SlackEvents, ct)
                + await DeleteAsync("delete from slack_socket_envelopes where envelope_id in (select envelope_id from slack_socket_envelopes where received_at < @before limit @batch)", now - o.SlackEvents, ct),
            await DeleteAsync("""
                delete from pulse_comments where id in (
                    select c.id from pulse_comments c join pulses p on p.id = c.pulse_id
                    where p.closed and p.opened_at < @before limit @batch)
                """, now - o.PulseComments, ct));
    }

    private async Task<int> DeleteAsync(string sql, DateTimeOffset before, CancellationToken ct, OutboxState? state = null)
    {
        var total = 0;
        while (true)
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            var n = await conn.ExecuteAsync(new CommandDefinition(sql, new { before, batch = Batch, state = state is { } s ? StateText.Of(s) : null }, cancellationToken: ct));
            total += n;
            if (n < Batch)
            {
                return total;
            }
        }
    }
}
