using PeerBot.Bot.Commands;
using PeerBot.Scheduler.CheckIns;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Rounds;
using PeerBot.Scheduler.Thanks;

namespace PeerBot.Bot.Rounds;

/// <summary>A check-in button (met / not yet / skip / a 1–5 rating): records the caller's answer for that pairing and week.</summary>
public sealed class CheckInAnswerAction(string actionId, CheckInAnswer answer, UnitOfWorkSource units, PairingStore pairings, MemberDirectory members, TimeProvider clock) : IActionHandler
{
    public string ActionId => actionId;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct)
    {
        if (!CheckInMessages.TryParse(action.Value, out var pairingId, out var week, out var rating)
            || await pairings.FindAsync(pairingId, ct) is not { } pairing
            || pairing.WorkspaceId != action.Workspace.Id
            || pairing.Members.FirstOrDefault(m => m.ExternalUserId == action.Caller.UserId) is not { } me
            || await members.FindAsync(action.Workspace.Id, action.Caller.UserId, ct) is null)
        {
            return new MessageReply(ChatMessage.Plain("That check-in isn't for you, or the pairing has ended."));
        }

        await using (var work = await units.BeginAsync(ct))
        {
            await CheckInStore.RecordAsync(work, pairing.Id, me.MemberId, week, answer, rating, clock.GetUtcNow(), ct);
            await work.CommitAsync(ct);
        }

        return new MessageReply(answer switch
        {
            CheckInAnswer.Met when rating is null => WithThanks(CheckInMessages.AskRating(pairing.Id, week), pairing, week),
            CheckInAnswer.Met => WithThanks(ChatMessage.Plain($"Thanks — noted {rating}/5. Keep it going!"), pairing, week),
            CheckInAnswer.NotYet => ChatMessage.Plain("Thanks for being honest! There's still time this week — even 15 minutes counts."),
            _ => ChatMessage.Plain("Skipped for this week — no worries. See you next week."),
        });
    }

    /// <summary>A "met" answer carries a one-tap thank-you to the others of the pairing.</summary>
    private static ChatMessage WithThanks(ChatMessage answer, Pairing pairing, DateOnly week) =>
        answer with { Blocks = [.. answer.Blocks, ThanksMessages.SayThanksButton(CheckInMessages.Value(pairing.Id, week), pod: pairing.Members.Count > 2)] };
}
