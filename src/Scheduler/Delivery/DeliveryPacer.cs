using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PeerBot.Scheduler.Delivery;

/// <summary>
/// Paces sends: one slot per <see cref="OutboxOptions.ChannelInterval"/> in each conversation and
/// <see cref="OutboxOptions.WorkspaceMessagesPerSecond"/> per workspace. Slots are handed out on a fixed
/// grid (not "after the last send finished"), so the achieved rate stays at the allowed one however long calls take.
/// </summary>
public sealed class DeliveryPacer(IOptions<OutboxOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, Lane> _workspaces = new();
    private readonly ConcurrentDictionary<string, Lane> _channels = new();

    /// <summary>Reserves the conversation's next slot if it comes within <paramref name="horizon"/>; null when it is further off.</summary>
    public DateTimeOffset? ReserveChannel(Guid workspaceId, string channelKey, TimeSpan horizon)
    {
        var lane = _channels.GetOrAdd($"{workspaceId:N}:{channelKey}", _ => new Lane());
        return lane.Reserve(clock.GetUtcNow(), options.Value.ChannelInterval, horizon);
    }

    /// <summary>Waits for the workspace's next slot (no wait when the workspace has no limit).</summary>
    public async Task WaitForWorkspaceAsync(Guid workspaceId, CancellationToken ct)
    {
        var rate = options.Value.WorkspaceMessagesPerSecond;
        var lane = _workspaces.GetOrAdd(workspaceId, _ => new Lane());
        var interval = rate <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(1 / rate);
        var slot = lane.Reserve(clock.GetUtcNow(), interval, TimeSpan.MaxValue)!.Value;
        await WaitUntilAsync(slot, ct);
    }

    /// <summary>The platform said "slow down": nothing more goes to this workspace until then.</summary>
    public void Hold(Guid workspaceId, DateTimeOffset until) => _workspaces.GetOrAdd(workspaceId, _ => new Lane()).PushBack(until);

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
                // After an idle spell the grid restarts at now: unused slots are not saved up into a burst.
                var slot = _next > now ? _next : now;
                if (horizon != TimeSpan.MaxValue && slot - now > horizon)
                {
                    return null;
                }

                _next = slot + interval;
                return slot;
            }
        }

        public void PushBack(DateTimeOffset until)
        {
            lock (_gate)
            {
                if (until > _next)
                {
                    _next = until;
                }
            }
        }
    }
}
