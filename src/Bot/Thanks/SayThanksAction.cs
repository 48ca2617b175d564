using PeerBot.Bot.Commands;
using PeerBot.Scheduler.CheckIns;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Rounds;
using PeerBot.Scheduler.Thanks;

namespace PeerBot.Bot.Thanks;

/// <summary>
/// <em>Say thanks</em> after "We met": opens a small form (an optional note) and, when it is sent, thanks the other
/// person or people of that pairing. Only a member of the pairing who answered "met" for that week can.
/// </summary>
public sealed class SayThanksAction(PairingStore pairings, MemberDirectory members, ThanksStore thanks, ThanksDesk desk, UnitOfWorkSource units) : IActionHandler, IFormHandler
{
    public string ActionId => ThanksMessages.SayThanksAction;

    public string FormId => ThanksMessages.FormId;

    private const string NotYours = "That check-in isn't one of yours, or its pairing has ended — so there's no one to thank from here.";

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct)
    {
        if (await MeetingAsync(action.Workspace.Id, action.Caller.UserId, action.Value, ct) is not var (pairing, week, me, others))
        {
            return Say(NotYours);
        }

        if (await thanks.AllRecordedAsync(action.Workspace.Id, [.. others.Select(o => OnceKey(pairing, week, me, o))], ct))
        {
            return Say(Already(pairing));
        }

        return new FormReply(ThanksMessages.Form(ThanksDesk.Names([.. others.Select(o => o.Profile.Name)]), action.Value));
    }

    public async Task<FormOutcome> HandleAsync(FormSubmission submission, CancellationToken ct)
    {
        var note = submission.Value(ThanksMessages.NoteField).Trim();
        if (note.Length > ThanksMessages.MaxNote)
        {
            return new FormRejected(new Dictionary<string, string> { [ThanksMessages.NoteField] = $"Please keep the note under {ThanksMessages.MaxNote} characters (it has {note.Length})." });
        }

        if (await MeetingAsync(submission.Workspace.Id, submission.Caller.UserId, submission.State, ct) is not var (pairing, week, me, others))
        {
            return new FormAccepted(ChatMessage.Plain(NotYours));
        }

        await using (var work = await units.BeginAsync(ct))
        {
            if (!await ThanksStore.SaidMetAsync(work, pairing.Id, me.Id, week, ct))
            {
                return new FormAccepted(ChatMessage.Plain("Thanks go with a *We met* answer: tap *We met* on that week's check-in first, then *Say thanks*."));
            }
        }

        var sent = await desk.SendAsync(me, others, pairing.Id, note.Length == 0 ? null : note, forMeeting: true, o => OnceKey(pairing, week, me, o), ct);
        var names = ThanksDesk.Names([.. others.Select(o => o.Profile.Name)]);
        return new FormAccepted(ChatMessage.Plain(sent
            ? $"💛 Thanks sent to {names}, with your name{(note.Length > 0 ? " and your note" : "")}. PeerBot passes it on in their after-class hours."
            : Already(pairing)));
    }

    private static string Already(Pairing pairing) =>
        $"You've already said thanks for that meeting — it's on its way to {(pairing.Members.Count > 2 ? "your pod" : "them")}. 💛";

    /// <summary>One thanks per person thanked, per meeting week, however often the button or the form is used.</summary>
    private static string OnceKey(Pairing pairing, DateOnly week, Member me, Member other) => $"met:{pairing.Id:N}:{week:yyyy-MM-dd}:{me.Id:N}:{other.Id:N}";

    /// <summary>The pairing and week of the button, the caller (a member of it) and the others still in PeerBot; null when it isn't theirs.</summary>
    private async Task<(Pairing Pairing, DateOnly Week, Member Me, IReadOnlyList<Member> Others)?> MeetingAsync(Guid workspaceId, string userId, string value, CancellationToken ct)
    {
        if (!CheckInMessages.TryParse(value, out var pairingId, out var week, out _)
            || await pairings.FindAsync(pairingId, ct) is not { } pairing
            || pairing.WorkspaceId != workspaceId
            || pairing.Status is not (PairingStatus.Active or PairingStatus.Ended)
            || pairing.Members.All(m => m.ExternalUserId != userId)
            || await members.FindAsync(workspaceId, userId, ct) is not { } me)
        {
            return null;
        }

        var others = new List<Member>();
        foreach (var m in pairing.Members.Where(m => m.ExternalUserId != userId))
        {
            if (await members.FindAsync(workspaceId, m.ExternalUserId, ct) is { } other)
            {
                others.Add(other);
            }
        }

        return others.Count == 0 ? null : (pairing, week, me, others);
    }

    private static MessageReply Say(string text) => new(ChatMessage.Plain(text));
}
