using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PeerBot.Scheduler.Delivery;

/// <summary>
/// Paces sends: one slot per <see cref="OutboxOptions.ChannelInterval"/> in each conversation, and
/// <see cref="OutboxOptions.WorkspaceMessagesPerSecond"/> per workspace across all instances. The workspace's slots
/// are handed out by the database (<c>delivery_pace</c>) on a fixed grid on its clock, so N instances together keep
/// the one allowed rate, and a 429 told to one instance holds the workspace for all of them. A slot is taken and used at
/// the platform's door (see <see cref="Chat.SendTurn"/>); a send later than its slot's grace takes a fresh one.
/// </summary>
public sealed class DeliveryPacer(NpgsqlDataSource db, IOptions<OutboxOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Lane> _channels = new();

    /// <summary>Reserves the conversation's next slot if it comes within <paramref name="horizon"/>; null when it is further off.</summary>
    public DateTimeOffset? ReserveChannel(Guid workspaceId, string channelKey, TimeSpan horizon)
    {
        var lane = _channels.GetOrAdd($"{workspaceId:N}:{channelKey}", _ => new Lane());
        return lane.Reserve(clock.GetUtcNow(), options.Value.ChannelInterval, horizon);
    }

    /// <summary>
    /// Waits for the workspace's next slot, shared by every instance, and returns it (unpaced when the workspace has no limit).
    /// Called immediately before the platform call; the caller checks <see cref="WorkspaceSlot.Missed"/> just before sending.
    /// </summary>
    public async Task<WorkspaceSlot> WaitForWorkspaceAsync(Guid workspaceId, CancellationToken ct)
    {
        var rate = options.Value.WorkspaceMessagesPerSecond;
        if (rate <= 0)
        {
            return WorkspaceSlot.Unpaced;
        }

        // After an idle spell the grid restarts at now: unused slots are not saved up into a burst.
        var interval = TimeSpan.FromSeconds(1 / rate);
        await using var cmd = db.CreateCommand("""
            insert into delivery_pace as p (workspace_id, next_slot) values ($1, clock_timestamp() + $2)
            on conflict (workspace_id) do update set next_slot = greatest(p.next_slot, clock_timestamp()) + $2
            returning extract(epoch from (p.next_slot - $2 - clock_timestamp()))::float8
            """);
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = interval });
        var wait = TimeSpan.FromSeconds((double)(await cmd.ExecuteScalarAsync(ct))!);
        var slot = new WorkspaceSlot(Stopwatch.GetTimestamp() + (long)(Math.Max(0, wait.TotalSeconds) * Stopwatch.Frequency), GraceOf(interval));
        if (wait > TimeSpan.Zero)
        {
            // The database's clock set the slot: wait in real time, whatever this process's TimeProvider says.
            await Task.Delay(wait, ct);
        }

        return slot;
    }

    /// <summary>
    /// How late a send may still use its slot: half an interval, so two sends that use theirs are at least half an interval
    /// apart and three span at least one and a half. Never under 20 ms, or at high rates a busy box's timer jitter alone
    /// would send every send round again for a fresh slot.
    /// </summary>
    public static TimeSpan GraceOf(TimeSpan interval) => TimeSpan.FromTicks(Math.Max(interval.Ticks / 2, TimeSpan.FromMilliseconds(20).Ticks));

    /// <summary>The platform said "slow down": nothing more goes to this workspace, from any instance, for <paramref name="retryAfter"/>.</summary>
    public async Task HoldAsync(Guid workspaceId, TimeSpan retryAfter, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            insert into delivery_pace as p (workspace_id, next_slot) values ($1, clock_timestamp() + $2)
            on conflict (workspace_id) do update set next_slot = greatest(p.next_slot, clock_timestamp() + $2)
            """);
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = retryAfter });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task WaitUntilAsync(DateTimeOffset slot, CancellationToken ct)
    {
        var wait = slot - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, ct);
        }
    }

    private sealed class Lane
    {
        private readonly Lock _gate = new();
        private DateTimeOffset _next = DateTimeOffset.MinValue;

        public DateTimeOffset? Reserve(DateTimeOffset now, TimeSpan interval, TimeSpan horizon)
        {
            lock (_gate)
            {
                var slot = _next > now ? _next : now;
                if (slot - now > horizon)
                {
                    return null;
                }

                _next = slot + interval;
                return slot;
            }
        }
    }
}
