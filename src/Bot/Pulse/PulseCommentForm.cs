using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Pulse;

/// <summary>"Add a comment first" opens this form; submitting it stores the answers and the comment together.</summary>
public sealed class PulseCommentForm(PulseRecorder recorder) : IActionHandler, IFormHandler
{
    public const string Id = "pulse.comment", Field = "comment";

    public string ActionId => PulseMessages.CommentAction;

    public string FormId => Id;

    public Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct) => Task.FromResult<CommandReply?>(
        PulseMessages.TryRead(action.Value, out _, out _)
            ? new FormReply(new ChatForm(Id, "Wellness pulse", "Send",
                [new FormField(Field, "Anything you'd like coaches to know?", FormFieldKind.Text) { Multiline = true, Optional = true, Hint = "Shown word for word, shuffled, without your name or cohort — only if 10 or more people answered. Leave out names and details that identify you." }],
                State: action.Value))
            : new MessageReply(ChatMessage.Plain($"That button isn't one I recognise. `{action.Prefix}pulse` shows the current pulse.")));

    public async Task<FormOutcome> HandleAsync(FormSubmission submission, CancellationToken ct)
    {
        var comment = submission.Value(Field).Trim();
        if (comment.Length > 1000)
        {
            return new FormRejected(new Dictionary<string, string> { [Field] = $"Please keep it under 1000 characters (this is {comment.Length})." });
        }

        if (!PulseMessages.TryRead(submission.State, out var pulseId, out var answers))
        {
            return new FormRejected(new Dictionary<string, string> { [Field] = "This form lost track of its pulse; please start again from the pulse message." });
        }

        return new FormAccepted(await recorder.RecordAsync(submission.Workspace, submission.Caller, pulseId, answers, comment, submission.Prefix, ct));
    }
}
