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

    /// <summary>Sends a direct message to one person; returns the platform's id for the sent message.</summary>
    Task<string> SendDirectAsync(Workspace workspace, string userId, ChatMessage message, CancellationToken ct);
}
