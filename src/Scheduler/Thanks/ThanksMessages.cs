using PeerBot.Scheduler.Chat;

namespace PeerBot.Scheduler.Thanks;

/// <summary>The <em>Say thanks</em> button after "We met", its form, and the thank-you a colleague receives.</summary>
public static class ThanksMessages
{
    public const string SayThanksAction = "thanks.say";
    public const string FormId = "thanks";
    public const string NoteField = "note";
    public const int MaxNote = 500;

    /// <summary>Offered with the answer to "We met": value = the check-in's pairing and week.</summary>
    public static ButtonsBlock SayThanksButton(string checkInValue, bool pod) =>
        new([new ChatButton(pod ? "Say thanks to your pod 💛" : "Say thanks 💛", SayThanksAction, checkInValue,
            Description: pod ? "Say thanks to your pod for meeting, with a note if you like" : "Say thanks for meeting, with a note if you like")]);

    public static ChatForm Form(string othersNames, string checkInValue) => new(FormId, "Say thanks", "Send thanks",
        [new FormField(NoteField, $"A note for {othersNames} (optional)", FormFieldKind.Text)
        {
            Optional = true,
            Multiline = true,
            Placeholder = "What helped, or what you'll try next",
            Hint = "They'll get a message from PeerBot with your name and this note. Leave it empty to just say thanks.",
        }],
        Intro: $"A quick thank-you to {othersNames} for meeting.", State: checkInValue);

    /// <summary>What the colleague receives: who thanks them, and the note if there is one.</summary>
    public static ChatMessage Received(string giverName, string? note, bool forMeeting)
    {
        var said = forMeeting ? $"**{giverName}** says thanks for meeting" : $"**{giverName}** wanted to say thanks";
        var line = note is { Length: > 0 } ? $"💛 {said}: {Quote(note)}" : $"💛 {said}!";
        return new ChatMessage(line.Replace("**", "", StringComparison.Ordinal),
            [new TextBlock(line), new NoteBlock("It's one of your ripples: your PeerBot profile keeps the thanks you receive, for your eyes only.")]);
    }

    public static string Quote(string note) => $"“{Safe(note)}”";

    /// <summary>Typed text made inert: it can't mention or ping anyone on either platform.</summary>
    public static string Safe(string text) => text.Replace('<', '‹').Replace('>', '›');
}
