using PeerBot.Matching.Profiles;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Scheduler.Rounds;

/// <summary>A mentor's answer to a proposal. Yes: the pair is introduced at once. Not now: the mentee goes to the next follow-up round, and hears nothing.</summary>
public sealed class MentorConsent(PairingStore pairings, MemberDirectory members, WorkspaceSettingsStore settings, Outbox outbox, TimeProvider clock)
{
    public enum Answer
    {
        Accepted,
        Declined,
        AlreadyAnswered,
        NotYours,
    }

    public async Task<Answer> AcceptAsync(Guid workspaceId, Guid pairingId, string mentorUserId, CancellationToken ct)
    {
        if (await ForMentorAsync(workspaceId, pairingId, mentorUserId, ct) is not { } pairing)
        {
            return Answer.NotYours;
        }

        if (!await pairings.TransitionAsync(pairingId, "proposed", "active", clock.GetUtcNow(), ct))
        {
            return Answer.AlreadyAnswered;
        }

        var profiles = new List<TeacherProfile>();
        foreach (var m in pairing.Members)
        {
            if (await members.FindAsync(workspaceId, m.ExternalUserId, ct) is { } member)
            {
                profiles.Add(member.Profile);
            }
        }

        // Keyed by the pairing, so a double click or a retried request introduces them once.
        var channel = (await settings.GetAsync(workspaceId, ct)).IntroChannel;
        await outbox.EnqueueAsync(workspaceId,
        [
            new OutboxEntry($"pairing:{pairing.Id:N}:intro", pairing.UserIds, "introduction", Introductions.Introduce(pairing with { Status = "active" }, profiles), Urgency.Now)
                { PairingId = pairing.Id, Conversation = channel },
        ], ct);
        return Answer.Accepted;
    }

    public async Task<Answer> DeclineAsync(Guid workspaceId, Guid pairingId, string mentorUserId, CancellationToken ct)
    {
        if (await ForMentorAsync(workspaceId, pairingId, mentorUserId, ct) is null)
        {
            return Answer.NotYours;
        }

        return await pairings.TransitionAsync(pairingId, "proposed", "declined", clock.GetUtcNow(), ct) ? Answer.Declined : Answer.AlreadyAnswered;
    }

    private async Task<Pairing?> ForMentorAsync(Guid workspaceId, Guid pairingId, string mentorUserId, CancellationToken ct) =>
        await pairings.FindAsync(pairingId, ct) is { } p && p.WorkspaceId == workspaceId && p.Mentor?.ExternalUserId == mentorUserId ? p : null;
}
