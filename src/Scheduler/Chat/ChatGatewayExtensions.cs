using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Scheduler.Chat;

public static class ChatGatewayExtensions
{
    private static readonly SendTurn AtOnce = static _ => ValueTask.CompletedTask;

    /// <summary>Delivers at once, outside the outbox's pace: a direct answer to someone who just wrote to PeerBot.</summary>
    public static Task<DeliveryReceipt> DeliverAsync(this IChatGateway gateway, Workspace workspace, OutgoingMessage message, CancellationToken ct) =>
        gateway.DeliverAsync(workspace, message, AtOnce, ct);
}
