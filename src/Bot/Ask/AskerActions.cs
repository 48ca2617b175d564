using PeerBot.Bot.Commands;
using PeerBot.Matching.Ask;
using PeerBot.Scheduler.Ask;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Bot.Ask;

/// <summary>
/// What the asker can do with a relayed answer while the question is open: say it helped (the helper hears "your answer
/// helped a 2nd-year math teacher"), reply once, and save it as a tip. Only the asker can — the question's link says who.
/// </summary>
public sealed class AskerActions(AskStore questions, MemberDirectory members, UnitOfWorkSource units)
{
    public const string ReplyForm = "ask.reply", ReplyField = "reply";

    public async Task<CommandReply> HelpedAsync(ChatAction action, CancellationToken ct)
    {
        await using var work = await units.BeginAsync(ct);
        if (await AskersAnswerAsync(work, action.Value, action.Workspace.Id, action.Caller.UserId, ct) is not var (q, answer, asker))
        {
            return Say(NotYours);
        }

        if (!await AskStore.MarkHelpedAsync(work, answer.Id, ct))
        {
            return Say("You already said so — thank you!");
        }

        if (answer.HelperUserId is { } helper)
        {
            await work.SendAsync(q.WorkspaceId,
                [new OutboxEntry($"{AskStore.DeliveryKeyPrefix(q.Id)}helped:{answer.Id:N}", [helper], "ask helped", AskMessages.Helped(AskRouting.Describe(asker.Profile), q, answer.Id), Urgency.Now)], ct);
        }

        await work.CommitAsync(ct);
        var text = $"Thanks — I've told {answer.HelperName} it helped{(q.Named ? "" : " (not who you are)")}. Want others to find it too? Save it as a tip: it shows {answer.HelperName}'s name, never yours.";
        return new MessageReply(new ChatMessage(text, [new TextBlock(text), new ButtonsBlock([new ChatButton("Save as a tip", AskMessages.TipAction, action.Value)])]));
    }

    public async Task<CommandReply> ReplyAsync(ChatAction action, CancellationToken ct)
    {
        await using var work = await units.BeginAsync(ct);
        if (await AskersAnswerAsync(work, action.Value, action.Workspace.Id, action.Caller.UserId, ct) is not var (_, answer, _))
        {
            return Say(NotYours);
        }

        return answer.Reply is not null
            ? Say($"You've already replied to {answer.HelperName} — one reply per answer keeps it light.")
            : new FormReply(new ChatForm(ReplyForm, $"Reply to {Short(answer.HelperName)}", "Send reply",
                [new FormField(ReplyField, "Your reply", FormFieldKind.Text) { Multiline = true, Hint = "One reply, passed on by PeerBot. You stay anonymous unless you signed the question." }],
                State: action.Value));
    }

    public async Task<FormOutcome> SendReplyAsync(FormSubmission submission, CancellationToken ct)
    {
        var reply = submission.Value(ReplyField).Trim();
        if (reply.Length == 0 || reply.Length > AnswerForm.MaxLength)
        {
            return new FormRejected(new Dictionary<string, string> { [ReplyField] = reply.Length == 0 ? "Type your reply here." : $"Please keep it under {AnswerForm.MaxLength} characters." });
        }

        await using var work = await units.BeginAsync(ct);
        if (await AskersAnswerAsync(work, submission.State, submission.Workspace.Id, submission.Caller.UserId, ct) is not var (q, answer, _))
        {
            return new FormAccepted(ChatMessage.Plain(NotYours));
        }

        if (!await AskStore.SetReplyAsync(work, answer.Id, reply, ct))
        {
            return new FormAccepted(ChatMessage.Plain($"You've already replied to {answer.HelperName}."));
        }

        if (answer.HelperUserId is { } helper)
        {
            await work.SendAsync(q.WorkspaceId,
                [new OutboxEntry($"{AskStore.DeliveryKeyPrefix(q.Id)}reply:{answer.Id:N}", [helper], "ask reply", AskMessages.Reply(q, reply), Urgency.Now)], ct);
        }

        await work.CommitAsync(ct);
        return new FormAccepted(ChatMessage.Plain($"Sent to {answer.HelperName}{(q.Named ? "" : " — still anonymously")}."));
    }

    public async Task<CommandReply> SaveTipAsync(ChatAction action, CancellationToken ct)
    {
        await using var work = await units.BeginAsync(ct);
        if (await AskersAnswerAsync(work, action.Value, action.Workspace.Id, action.Caller.UserId, ct) is not var (_, answer, _))
        {
            return Say(NotYours);
        }

        await AskStore.SaveTipAsync(work, answer.Id, ct);
        await work.CommitAsync(ct);
        return Say($"Saved as a tip. `{action.Prefix}tips <topic>` finds it for everyone — with {answer.HelperName}'s name, never yours.");
    }

    private const string NotYours = "Only the colleague who asked can do that, and only while the question is open.";

    /// <summary>The answer, its question (locked) and its asker — when the caller is that asker and the question is still open.</summary>
    private async Task<(AskQuestion Q, AskAnswer Answer, Member Asker)?> AskersAnswerAsync(UnitOfWork work, string value, Guid workspaceId, string userId, CancellationToken ct)
    {
        if (!AskMessages.TryRead(value, out var answerId) || await questions.FindAnswerAsync(answerId, ct) is not { Hidden: false } answer
            || await AskStore.LockAsync(work, answer.QuestionId, ct) is not { } q || q.WorkspaceId != workspaceId || !q.IsOpen
            || await AskStore.AskerUserIdAsync(work, q.Id, ct) != userId
            || await members.FindAsync(workspaceId, userId, ct) is not { } asker)
        {
            return null;
        }

        return (q, answer, asker);
    }

    private static string Short(string name) => name.Split(' ', 2)[0] is { Length: > 0 } first ? first : name;

    private static MessageReply Say(string text) => new(ChatMessage.Plain(text));
}
