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
/// <param name="Description">What the click does, in words, for screen readers and tooltips (e.g. "Skip the next pairing round"); null: the label in words.</param>
public sealed record ChatButton(string Label, string ActionId, string Value = "", ButtonStyle Style = ButtonStyle.Default, string? Description = null)
{
    /// <summary>The longest description both platforms show whole (Slack's <c>accessibility_label</c> limit).</summary>
    public const int MaxSpoken = 75;

    /// <summary>What a screen reader says for the button: the description, or the label without its symbols (emoji, "…").</summary>
    public string Spoken => Shorten(Description is { Length: > 0 } d ? d : InWords(Label));

    private static string InWords(string label)
    {
        var words = new string([.. label.Where(c => char.IsLetterOrDigit(c) || char.IsWhiteSpace(c) || c is '\'' or '’' or '-' or '–' or ',' or ':' or '?' or '.' or '(' or ')')]);
        words = string.Join(' ', words.Split(' ', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');
        return words.Length > 0 ? words : label;
    }

    private static string Shorten(string text) => text.Length <= MaxSpoken ? text : text[..(MaxSpoken - 1)].TrimEnd() + "…";
}

public enum ButtonStyle
{
    Default,
    Primary,
    Danger,
}
