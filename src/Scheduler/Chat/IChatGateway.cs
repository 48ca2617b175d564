using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Scheduler.Chat;

/// <summary>
/// The port through which PeerBot reaches people on a chat platform. Each adapter (Slack, Teams)
/// implements it; jobs and command handlers use it without knowing which platform is behind it.
/// It lives here, not in the Bot, so that jobs can send without depending on the web host.
/// </summary>
public interface IChatGateway
{
    /// <summary>The <see cref="Workspace.Platform"/> this gateway serves.</summary>
    string Platform { get; }

    Task<ChatUserInfo?> GetUserAsync(Workspace workspace, string userId, CancellationToken ct);

    /// <summary>
    /// Delivers one message: to a person's direct chat with PeerBot (one recipient) or to a pair/pod
    /// (several; Slack opens a group DM, Teams — which cannot create group chats — sends each member a copy).
    /// The delivery key travels with the message where the platform can carry it.
    /// </summary>
    /// <exception cref="ChatRateLimitedException">The platform said "slow down"; try again after the given time.</exception>
    /// <exception cref="ChatDeliveryException">The platform refused; <see cref="ChatDeliveryException.Permanent"/> says whether a retry can help.</exception>
    Task<DeliveryReceipt> DeliverAsync(Workspace workspace, OutgoingMessage message, CancellationToken ct);

    /// <summary>
    /// Puts files, with a message, in a person's direct chat with PeerBot. Each platform shows files its own way
    /// (Slack uploads them; Teams shows images in a card and links or attaches the rest).
    /// </summary>
    /// <exception cref="ChatRateLimitedException">The platform said "slow down".</exception>
    /// <exception cref="ChatDeliveryException">The platform refused, or PeerBot cannot reach the person there.</exception>
    Task SendFilesAsync(Workspace workspace, string userId, ChatMessage message, IReadOnlyList<ChatFile> files, CancellationToken ct);

    /// <summary>
    /// After a crash left a delivery's outcome unknown: did a message with this delivery key already arrive?
    /// Null when the platform offers no way to tell.
    /// </summary>
    Task<bool?> FindDeliveredAsync(Workspace workspace, OutgoingMessage message, CancellationToken ct);
}
