using PeerBot.Scheduler.Chat;

namespace PeerBot.Scheduler.Pulse;

/// <summary>
/// The pulse as it appears in a DM: one question at a time, five buttons each. A button's value carries the
/// pulse id and the answers given so far (only ever back to the person who gave them), so nothing is stored
/// until the last click — and then all at once, unlinked from them.
/// </summary>
public static class PulseMessages
{
    public const string AnswerAction = "pulse.answer", SendAction = "pulse.send", CommentAction = "pulse.comment";

    public static ChatMessage Question(OpenPulse pulse, string soFar, PulsePromise promise, bool reminder = false)
    {
        var index = soFar.Length;
        var question = pulse.Questions[index];
        var heading = index > 0
            ? $"Question {index + 1} of {pulse.Questions.Count}"
            : reminder
                ? $"A gentle reminder: the wellness pulse closes {pulse.ClosesAt:ddd d MMM}. {pulse.Questions.Count} quick questions."
                : $"Time for the wellness pulse: {pulse.Questions.Count} quick questions, about a minute.";
        var buttons = RatingScale.Buttons(AnswerAction, v => Value(pulse.Id, soFar + v), RatingScale.For(question.Text), "Answer");
        var blocks = new List<MessageBlock> { new TextBlock($"**{heading}**"), new TextBlock(question.Text), new ButtonsBlock(buttons) };
        if (index == 0)
        {
            blocks.Add(new NoteBlock(promise.Anonymity));
        }

        return new ChatMessage($"{heading}\n{question.Text}", blocks);
    }

    /// <summary>After the last question: send as is, or add a comment first.</summary>
    public static ChatMessage Finish(Guid pulseId, string answers) => new(
        "Thanks! Anything you'd like to add? A comment is optional.",
        [
            new TextBlock("Thanks! Anything you'd like to add? A comment is optional."),
            new ButtonsBlock([new ChatButton("Send my answers", SendAction, Value(pulseId, answers), ButtonStyle.Primary), new ChatButton("Add a comment first", CommentAction, Value(pulseId, answers))]),
        ]);

    public static string Value(Guid pulseId, string answers) => $"{pulseId:N}:{answers}";

    /// <summary>Reads a button value back; false for anything malformed (an old or forged click).</summary>
    public static bool TryRead(string value, out Guid pulseId, out string answers)
    {
        answers = "";
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !Guid.TryParseExact(value[..colon], "N", out pulseId))
        {
            pulseId = Guid.Empty;
            return false;
        }

        answers = value[(colon + 1)..];
        return answers.Length <= 5 && answers.All(c => c is >= '1' and <= '5');
    }
}
