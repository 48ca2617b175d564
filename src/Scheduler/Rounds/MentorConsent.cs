using PeerBot.Matching.Profiles;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Scheduler.Rounds;

/// <summary>
/// A mentor's answer to a proposal. Yes: the pair becomes active and is introduced at once — both in one unit of work,
/// so there is never an active pair nobody introduced, nor an introduction of a pair that is not. Not now: the mentee
/// goes to the next follow-up round, and hears nothing.
/// </summary>
public sealed class MentorConsent(UnitOfWorkSource units, PairingStore pairings, MemberDirectory members, WorkspaceSettingsStore settings, TimeProvider clock)
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

        var profiles = new List<TeacherProfile>();
        foreach (var m in pairing.Members)
        {
            if (await members.FindAsync(workspaceId, m.ExternalUserId, ct) is { } member)
            {
                profiles.Add(member.Profile);
            }
        }

        var s = await settings.GetAsync(workspaceId, ct);
        var channel = s.IntroChannel;
        await using var work = await units.BeginAsync(ct);
        if (!await PairingStore.TransitionAsync(work, pairingId, PairingStatus.Proposed, PairingStatus.Active, clock.GetUtcNow(), ct))
        {
            return Answer.AlreadyAnswered;
        }

        // Keyed by the pairing, so a double click or a retried request introduces them once.
        await work.SendAsync(workspaceId,
        [
            new OutboxEntry($"pairing:{pairing.Id:N}:intro", pairing.UserIds, "introduction", Introductions.Introduce(pairing with { Status = PairingStatus.Active }, profiles, TimeZones.LocalDate(s.Zone, clock.GetUtcNow()), s.TimeZone, Meetings.VideoLink.For(s.VideoLink, pairing.Id)), Urgency.Now)
                { PairingId = pairing.Id, Conversation = channel },
        ], ct);
        await work.CommitAsync(ct);
        return Answer.Accepted;
    }

    public async Task<Answer> DeclineAsync(Guid workspaceId, Guid pairingId, string mentorUserId, CancellationToken ct)
    {
        if (await ForMentorAsync(workspaceId, pairingId, mentorUserId, ct) is null)
        {
            return Answer.NotYours;
        }

        await using var work = await units.BeginAsync(ct);
        if (!await PairingStore.TransitionAsync(work, pairingId, PairingStatus.Proposed, PairingStatus.Declined, clock.GetUtcNow(), ct))
        {
            return Answer.AlreadyAnswered;
        }

        await work.CommitAsync(ct);
        return Answer.Declined;
    }

    private async Task<Pairing?> ForMentorAsync(Guid workspaceId, Guid pairingId, string mentorUserId, CancellationToken ct) =>
        await pairings.FindAsync(pairingId, ct) is { } p && p.WorkspaceId == workspaceId && p.Mentor?.ExternalUserId == mentorUserId ? p : null;
}
