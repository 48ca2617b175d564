using PeerBot.Matching.Ask;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Rules;
using PeerBot.Scheduler.Boundaries;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Scheduler.Ask;

/// <summary>
/// Offers a question to the next best-fitting peers (find's ranking; never the asker, a paused member, a never-pair or
/// evaluator relation, or anyone already asked), in the caller's unit of work: the offers, their DMs — which wait for
/// each peer's after-class hours — and the next routing step commit together.
/// </summary>
public sealed class AskRouter(MemberDirectory members, BoundaryStore boundaries, WorkspaceSettingsStore settings, TimeProvider clock)
{
    /// <summary>Offers the question to up to <see cref="AskRouting.PerStep"/> more peers; returns how many it reached.</summary>
    public async Task<int> RouteAsync(UnitOfWork work, AskQuestion q, Member asker, int stage, CancellationToken ct)
    {
        var everyone = await members.ListAsync(q.WorkspaceId, ct);
        var s = await settings.GetAsync(q.WorkspaceId, ct);
        var now = clock.GetUtcNow();
        var options = new RoundOptions
        {
            Today = TimeZones.LocalDate(s.Zone, now),
            DefaultTimeZone = s.TimeZone,
            Rules = new PairingRules
            {
                Paused = everyone.Where(m => m.IsPausedAt(now)).Select(m => m.ExternalUserId).ToHashSet(StringComparer.Ordinal),
                Blocked = await boundaries.BlockedPairsAsync(q.WorkspaceId, everyone, ct),
            },
        };
        var offered = await AskStore.OfferedAsync(work, q.Id, ct);
        var alreadyAsked = everyone.Where(m => offered.Contains(m.Id)).Select(m => m.ExternalUserId).ToHashSet(StringComparer.Ordinal);
        var picked = AskRouting.Pick(asker.Profile, [.. everyone.Select(m => m.Profile)], q.Topic, options, alreadyAsked).ToHashSet(StringComparer.Ordinal);
        var chosen = everyone.Where(m => picked.Contains(m.ExternalUserId)).ToList();
        await AskStore.OfferAsync(work, q.Id, [.. chosen.Select(m => m.Id)], stage, ct);
        await work.SendAsync(q.WorkspaceId,
        [
            .. chosen.Select(m => new OutboxEntry($"{AskStore.DeliveryKeyPrefix(q.Id)}offer:{m.Id:N}", [m.ExternalUserId], "ask offer", AskMessages.Offer(q), Urgency.Scheduled)
            {
                MemberId = m.Id,
                TimeZones = [m.Profile.TimeZone],
            }),
        ], ct);
        return chosen.Count;
    }

    /// <summary>Schedules the next routing step one school day after the peers could first see the question.</summary>
    public async Task ScheduleNextStepAsync(UnitOfWork work, Guid workspaceId, Guid questionId, int stage, CancellationToken ct)
    {
        var at = NextStepAt(await settings.GetAsync(workspaceId, ct), clock.GetUtcNow());
        await work.ScheduleAsync<AskFollowUpJob>($"{AskStore.DeliveryKeyPrefix(questionId)}step:{stage}", j => j.RunAsync(questionId, stage, CancellationToken.None), at, ct);
    }

    /// <summary>
    /// One school day after the question can first reach peers (their after-class window in the workspace's zone): a
    /// question asked at 10 pm reaches them the next afternoon, and moves on the school day after, at the same hour.
    /// </summary>
    public static DateTimeOffset NextStepAt(WorkspaceSettings s, DateTimeOffset now)
    {
        var reached = TimeZoneInfo.ConvertTime(s.Window.NextAllowed(now, s.Zone), s.Zone);
        var day = DateOnly.FromDateTime(reached.DateTime).AddDays(1);
        for (var i = 0; i < 400 && !s.Window.IsSchoolDay(day); i++)
        {
            day = day.AddDays(1);
        }

        return TimeZones.ToInstant(day.ToDateTime(TimeOnly.FromDateTime(reached.DateTime)), s.Zone).ToUniversalTime();
    }
}
