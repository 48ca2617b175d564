using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Ask;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Bot.Ask;

/// <summary>A helper's answer: stored and relayed to the asker by DM, naming the helper, in one unit of work.</summary>
public sealed class AnswerForm(MemberDirectory members, UnitOfWorkSource units, TimeProvider clock) : IFormHandler
{
    public const string Id = "ask.answer", Field = "answer";

    public const int MaxLength = 3000;

    public string FormId => Id;

    public static ChatForm Form(AskQuestion q) => new(Id, "Answer a colleague", "Send answer",
        [new FormField(Field, "Your answer", FormFieldKind.Text) { Multiline = true, Hint = "PeerBot passes it on with your name." }],
        Intro: $"{(q.AskerName is { } name ? name : "A colleague (anonymous)")} asked: {AskMessages.Quote(q.Body)}", State: AskMessages.Value(q.Id));

    public async Task<FormOutcome> HandleAsync(FormSubmission submission, CancellationToken ct)
    {
        var answer = submission.Value(Field).Trim();
        if (answer.Length == 0 || answer.Length > MaxLength)
        {
            return new FormRejected(new Dictionary<string, string> { [Field] = answer.Length == 0 ? "Type your answer here." : $"Please keep it under {MaxLength} characters (this is {answer.Length})." });
        }

        if (!AskMessages.TryRead(submission.State, out var questionId) || await members.FindAsync(submission.Workspace.Id, submission.Caller.UserId, ct) is not { } me)
        {
            return Done("This form lost track of its question; please start again from the question's message.");
        }

        await using var work = await units.BeginAsync(ct);
        var q = await AskStore.LockAsync(work, questionId, ct);
        if (q is null || q.WorkspaceId != submission.Workspace.Id || !q.IsOpen)
        {
            return Done("This question closed before your answer arrived — thank you all the same.");
        }

        if (await AskStore.OfferStateAsync(work, questionId, me.Id, ct) != OfferState.Claimed)
        {
            return Done(HelperActions.Taken);
        }

        if (await AskStore.AskerUserIdAsync(work, questionId, ct) is not { } askerId)
        {
            return Done("The colleague who asked isn't on PeerBot any more, so there's nobody to pass it to. Thank you!");
        }

        var answerId = Guid.CreateVersion7();
        if (!await AskStore.AddAnswerAsync(work, answerId, questionId, me.Id, answer, clock.GetUtcNow(), ct))
        {
            return Done("You've already answered this one — thank you!");
        }

        await work.SendAsync(q.WorkspaceId,
            [new OutboxEntry($"{AskStore.DeliveryKeyPrefix(q.Id)}answer:{answerId:N}", [askerId], "ask answer", AskMessages.Answer(q, answerId, me.Profile.Name, answer), Urgency.Now)], ct);
        await work.CommitAsync(ct);
        return Done($"Thank you! I've passed your answer on{(q.AskerName is { } name ? " to " + name : "")}. I'll tell you if they reply or say it helped.");
    }

    private static FormAccepted Done(string text) => new(ChatMessage.Plain(text));
}
