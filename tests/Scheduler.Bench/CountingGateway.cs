using System.Collections.Concurrent;
using System.Diagnostics;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Scheduler.Bench;

/// <summary>A chat platform with no limit of its own: counts every delivery per key and when it happened.</summary>
public sealed class CountingGateway(TimeSpan latency) : IChatGateway
{
    private readonly ConcurrentDictionary<string, int> _deliveries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<long> _times = new();

    public string Platform => "bench";

    public int Delivered => _times.Count;

    public int Duplicates => _deliveries.Values.Sum(n => n - 1);

    public IReadOnlyList<long> Timestamps => [.. _times.Order()];

    public Task<ChatUserInfo?> GetUserAsync(Workspace workspace, string userId, CancellationToken ct) =>
        Task.FromResult<ChatUserInfo?>(new ChatUserInfo(userId, userId, null, false, false));

    public async Task<DeliveryReceipt> DeliverAsync(Workspace workspace, OutgoingMessage message, CancellationToken ct)
    {
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, ct);
        }

        _deliveries.AddOrUpdate(message.DeliveryKey, 1, (_, n) => n + 1);
        _times.Enqueue(Stopwatch.GetTimestamp());
        return new DeliveryReceipt([message.DeliveryKey]);
    }

    public Task SendFilesAsync(Workspace workspace, string userId, ChatMessage message, IReadOnlyList<ChatFile> files, CancellationToken ct) =>
        throw new NotSupportedException("The outbox bench sends no files");

    public Task<bool?> FindDeliveredAsync(Workspace workspace, OutgoingMessage message, CancellationToken ct) =>
        Task.FromResult<bool?>(_deliveries.ContainsKey(message.DeliveryKey));
}
