using PeerBot.Bot.Commands;
using PeerBot.Matching.Pulse;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Pulse;

/// <summary>"Add a comment first" opens this form; submitting it stores the answers and the comment together.</summary>
public sealed class PulseCommentForm(PulseRecorder recorder, PulseStore pulses, PulseSettingsStore pulseSettings, AnonymityRules rules) : IActionHandler, IFormHandler
{
    public const string Id = "pulse.comment", Field = "comment";

    public string ActionId => PulseMessages.CommentAction;

    public string FormId => Id;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct)
    {
        if (!PulseMessages.TryRead(action.Value, out var pulseId, out _) || await pulses.FindAsync(pulseId, ct) is not { } pulse || pulse.WorkspaceId != action.Workspace.Id)
        {
            return new MessageReply(ChatMessage.Plain($"That button isn't one I recognise. `{action.Prefix}pulse` shows the current pulse."));
        }

        var promise = PulsePromise.For(rules, await pulseSettings.GetAsync(pulse.WorkspaceId, ct));
        return new FormReply(new ChatForm(Id, "Wellness pulse", "Send",
            [new FormField(Field, "Anything you'd like coaches to know?", FormFieldKind.Text) { Multiline = true, Optional = true, Hint = promise.CommentHint }],
            State: action.Value));
    }

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
