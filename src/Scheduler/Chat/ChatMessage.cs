namespace PeerBot.Scheduler.Chat;

/// <summary>
/// A platform-neutral message: what PeerBot says, before an adapter renders it as Block Kit or an
/// Adaptive Card. Markup inside blocks is a small Markdown subset: **bold**, _italic_, `code`, and lines starting "• ".
/// </summary>
/// <param name="Text">The whole message as plain text: notifications, screen readers, and clients that show no blocks.</param>
public sealed record ChatMessage(string Text, IReadOnlyList<MessageBlock> Blocks)
{
    public static ChatMessage Plain(string text) => new(text, [new TextBlock(text)]);
}
