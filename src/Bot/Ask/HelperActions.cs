using Microsoft.Extensions.Options;
using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Ask;
using PeerBot.Scheduler.Boundaries;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Bot.Ask;

/// <summary>
/// "I can help" (claims the question — up to <see cref="AskOptions.Helpers"/> helpers — and opens the answer form) and
/// "Not me" under an offered question. A peer the question reached through the channel claims it the same way, unless a
/// never-pair or evaluator rule keeps them apart from the asker (then they hear it is taken, which hints at nothing).
/// </summary>
public sealed class HelperActions(AskStore questions, MemberDirectory members, BoundaryStore boundaries, UnitOfWorkSource units, IOptions<AskOptions> options, TimeProvider clock)
{
    public const string Taken = "This question already has its helpers — thank you for offering!";

    public async Task<CommandReply> ClaimAsync(ChatAction action, CancellationToken ct)
    {
        if (!AskMessages.TryRead(action.Value, out var questionId))
        {
            return Say("That button isn't one I recognise.");
        }

        if (await members.FindAsync(action.Workspace.Id, action.Caller.UserId, ct) is not { } me)
        {
            return new MessageReply(Commands.Profiles.ProfileCommand.NotJoined(action.Prefix));
        }

        await using var work = await units.BeginAsync(ct);
        var q = await AskStore.LockAsync(work, questionId, ct);
        if (q is null || q.WorkspaceId != action.Workspace.Id || !q.IsOpen)
        {
            return Say("This question has closed. Thank you for offering to help!");
        }

        if (q.AskerMemberId == me.Id)
        {
            return Say("That's your own question — answers come to you here.");
        }

        var state = await AskStore.OfferStateAsync(work, questionId, me.Id, ct);
        if (state != OfferState.Claimed)
        {
            if (await AskStore.ClaimsAsync(work, questionId, ct) >= options.Value.Helpers
                || (state is null && !await MayHelpAsync(work, q, me, ct)))
            {
                return Say(Taken);
            }

            await AskStore.SetOfferAsync(work, questionId, me.Id, q.Stage, OfferState.Claimed, ct);
            await work.CommitAsync(ct);
        }

        return new FormReply(AnswerForm.Form(q));
    }

    public async Task<CommandReply> DeclineAsync(ChatAction action, CancellationToken ct)
    {
        if (AskMessages.TryRead(action.Value, out var questionId) && await members.FindAsync(action.Workspace.Id, action.Caller.UserId, ct) is { } me)
        {
            await using var work = await units.BeginAsync(ct);
            if (await AskStore.OfferStateAsync(work, questionId, me.Id, ct) == OfferState.Offered)
            {
                await AskStore.SetOfferAsync(work, questionId, me.Id, 0, OfferState.Declined, ct);
                await work.CommitAsync(ct);
            }
        }

        return Say("No problem — thanks for saying so. Other colleagues have it too.");
    }

    /// <summary>
    /// "Suggest it as a tip" under "your answer helped": the asker is asked (one DM, whoever clicks how often), and only
    /// their yes saves it. The helper learns nothing about who they helped.
    /// </summary>
    public async Task<CommandReply> SuggestTipAsync(ChatAction action, CancellationToken ct)
    {
        if (!AskMessages.TryRead(action.Value, out var answerId) || await questions.FindAnswerAsync(answerId, ct) is not { Hidden: false } answer
            || answer.HelperUserId != action.Caller.UserId)
        {
            return Say("Only the colleague who wrote that answer can suggest it as a tip.");
        }

        await using var work = await units.BeginAsync(ct);
        var q = await AskStore.LockAsync(work, answer.QuestionId, ct);
        if (q is null || q.WorkspaceId != action.Workspace.Id || !q.IsOpen || await AskStore.AskerUserIdAsync(work, q.Id, ct) is not { } askerId)
        {
            return Say("That question has closed, so there's nobody left to ask. Thank you for offering!");
        }

        await work.SendAsync(q.WorkspaceId,
            [new OutboxEntry($"{AskStore.DeliveryKeyPrefix(q.Id)}tip-ask:{answer.Id:N}", [askerId], "ask tip request", AskMessages.TipRequest(q, answer.Id, answer.HelperName), Urgency.Now)], ct);
        await work.CommitAsync(ct);
        return Say("I've asked the colleague you helped (without telling you who they are). If they say yes, your answer becomes a tip with your name on it.");
    }

    /// <summary>Someone it was not offered to (the channel): a member who is not paused and not kept apart from the asker.</summary>
    private async Task<bool> MayHelpAsync(UnitOfWork work, AskQuestion q, Member me, CancellationToken ct) =>
        !me.IsPausedAt(clock.GetUtcNow())
        && await AskStore.AskerUserIdAsync(work, q.Id, ct) is { } askerId
        && await members.FindAsync(q.WorkspaceId, askerId, ct) is { } asker
        && !await boundaries.IsBlockedAsync(q.WorkspaceId, me, asker, ct);

    private static MessageReply Say(string text) => new(ChatMessage.Plain(text));
}
