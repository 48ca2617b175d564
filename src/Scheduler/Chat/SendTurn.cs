namespace PeerBot.Scheduler.Chat;

/// <summary>
/// Awaited by a gateway immediately before each platform call that puts a message in front of people, after everything
/// else the call needs (token, conversation, payload). The outbox keeps the workspace's pace and its claim fence there: the
/// pace counts where the platform counts, so a send held up on its way takes a fresh turn instead of landing in a burst.
/// </summary>
public delegate ValueTask SendTurn(CancellationToken ct);
