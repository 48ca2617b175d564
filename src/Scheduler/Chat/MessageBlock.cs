namespace PeerBot.Scheduler.Chat;

/// <summary>One visual part of a <see cref="ChatMessage"/>.</summary>
public abstract record MessageBlock;

/// <summary>A paragraph of Markdown-subset text.</summary>
public sealed record TextBlock(string Markdown) : MessageBlock;

/// <summary>Label/value pairs shown side by side (a profile, a summary).</summary>
public sealed record FieldsBlock(IReadOnlyList<MessageField> Fields) : MessageBlock;

/// <summary>Small, secondary text under the main content.</summary>
public sealed record NoteBlock(string Markdown) : MessageBlock;

/// <summary>A row of buttons.</summary>
public sealed record ButtonsBlock(IReadOnlyList<ChatButton> Buttons) : MessageBlock;

/// <summary>A picture (e.g. a report chart) with its text alternative.</summary>
public sealed record ImageBlock(string Url, string AltText) : MessageBlock;

/// <summary>A thin separator.</summary>
public sealed record DividerBlock : MessageBlock;

public sealed record MessageField(string Label, string Value);

/// <param name="ActionId">Which action handler answers a click (e.g. "profile.edit").</param>
/// <param name="Value">Data the handler gets back with the click (an id, a choice).</param>
public sealed record ChatButton(string Label, string ActionId, string Value = "", ButtonStyle Style = ButtonStyle.Default);

public enum ButtonStyle
{
    Default,
    Primary,
    Danger,
}
