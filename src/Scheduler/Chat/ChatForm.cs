namespace PeerBot.Scheduler.Chat;

/// <summary>A form to fill in (a Slack modal, an Adaptive Card with inputs).</summary>
/// <param name="FormId">Which form handler receives the submission.</param>
/// <param name="State">Opaque data the handler gets back on submission.</param>
public sealed record ChatForm(string FormId, string Title, string SubmitLabel, IReadOnlyList<FormField> Fields, string? Intro = null, string State = "")
{
    /// <summary>What to type instead when the platform cannot show the form (without the command prefix), e.g. a <c>join</c> with inline fields; null when there is no typed way.</summary>
    public string? TypedInstead { get; init; }
}

public sealed record FormField(string Id, string Label, FormFieldKind Kind)
{
    public bool Optional { get; init; }
    public string? Hint { get; init; }
    public string? Placeholder { get; init; }
    /// <summary>Current value(s): one for text/single choice, any number for multi choice.</summary>
    public IReadOnlyList<string> Initial { get; init; } = [];
    public IReadOnlyList<FormOption> Options { get; init; } = [];
    public bool Multiline { get; init; }
}

public enum FormFieldKind
{
    Text,
    SingleChoice,
    MultiChoice,
}

public sealed record FormOption(string Label, string Value);
