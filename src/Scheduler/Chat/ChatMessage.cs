namespace PeerBot.Scheduler.Chat;

/// <summary>
/// A platform-neutral message: what PeerBot says, before an adapter renders it as Block Kit or an
/// Adaptive Card. Markup inside blocks is a small Markdown subset: **bold**, _italic_, `code`, and lines starting "• ".
/// </summary>
/// <param name="Text">The whole message as plain text: notifications, screen readers, and clients that show no blocks.</param>
public sealed record ChatMessage(string Text, IReadOnlyList<MessageBlock> Blocks)
{
    public static ChatMessage Plain(string text) => new(text, [new TextBlock(text)]);

    /// <summary>Files that go with it into the same conversation (a calendar invitation).</summary>
    public IReadOnlyList<ChatFile> Files { get; init; } = [];

    /// <summary>
    /// Where a platform gives each recipient their own copy (Teams pods): what that recipient's copy says, by platform
    /// user id (e.g. times on their own clock only). Recipients not listed get this message.
    /// </summary>
    public IReadOnlyDictionary<string, ChatMessage>? Copies { get; init; }

    /// <summary>The copy for one recipient reading alone.</summary>
    public ChatMessage For(string userId) => Copies is { } copies && copies.TryGetValue(userId, out var copy) ? copy : this;
}
