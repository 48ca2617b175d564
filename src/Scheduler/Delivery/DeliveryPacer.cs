using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PeerBot.Scheduler.Delivery;

/// <summary>
/// Paces sends: one slot per <see cref="OutboxOptions.ChannelInterval"/> in each conversation, and
/// <see cref="OutboxOptions.WorkspaceMessagesPerSecond"/> per workspace across all instances. The workspace's slots
/// are handed out by the database (<c>delivery_pace</c>) on a fixed grid on its clock, so N instances together keep
/// the one allowed rate, and a 429 told to one instance holds the workspace for all of them.
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

    /// <summary>Waits for the workspace's next slot, shared by every instance (no wait when the workspace has no limit).</summary>
    public async Task WaitForWorkspaceAsync(Guid workspaceId, CancellationToken ct)
    {
        var rate = options.Value.WorkspaceMessagesPerSecond;
        if (rate <= 0)
        {
            return;
        }

        // After an idle spell the grid restarts at now: unused slots are not saved up into a burst.
        await using var cmd = db.CreateCommand("""
            insert into delivery_pace as p (workspace_id, next_slot) values ($1, clock_timestamp() + $2)
            on conflict (workspace_id) do update set next_slot = greatest(p.next_slot, clock_timestamp()) + $2
            returning extract(epoch from (p.next_slot - $2 - clock_timestamp()))::float8
            """);
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = TimeSpan.FromSeconds(1 / rate) });
        var wait = TimeSpan.FromSeconds((double)(await cmd.ExecuteScalarAsync(ct))!);
        if (wait > TimeSpan.Zero)
        {
            // The database's clock set the slot: wait in real time, whatever this process's TimeProvider says.
            await Task.Delay(wait, ct);
        }
    }

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
