using Microsoft.Extensions.Logging;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Rules;
using PeerBot.Scheduler.Boundaries;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Scheduler.Rounds;

/// <summary>
/// A pairing round: plan with the matching engine, then — in one transaction guarded by the round's unique
/// run key — store the pairings and put every message into the outbox. A retried job, a crash before commit,
/// or a second instance starting the same run all end with the round done exactly once.
/// </summary>
public sealed partial class PairingRound(
    UnitOfWorkSource units,
    MemberDirectory members,
    PairingStore pairings,
    BoundaryStore boundaries,
    WorkspaceSettingsStore settings,
    TimeProvider clock,
    ILogger<PairingRound> log)
{
    public const int RepeatWindowDays = 180;
    public static readonly TimeSpan ProposalLifetime = TimeSpan.FromDays(3);

    /// <param name="quiet">Members this round pauses for being quiet: planned as paused.</param>
    public async Task<RoundPlan> PlanAsync(Guid workspaceId, RoundScope scope, string runKey, CancellationToken ct, string? requestedBy = null, IReadOnlySet<Guid>? quiet = null)
    {
        var s = await settings.GetAsync(workspaceId, ct);
        var now = clock.GetUtcNow();
        var people = (await members.ListAsync(workspaceId, ct))
            .Select(m => quiet?.Contains(m.Id) == true ? m with { PausedUntil = now + QuietMembers.PausedFor } : m).ToList();
        var open = await pairings.ListAsync(workspaceId, [PairingStatus.Proposed, PairingStatus.Active], ct);
        var closed = scope == RoundScope.FollowUp ? await pairings.ListAsync(workspaceId, [PairingStatus.Declined, PairingStatus.Expired], ct) : [];
        var history = await pairings.HistoryAsync(workspaceId, now.AddDays(-RepeatWindowDays), ct);
        var options = new RoundOptions
        {
            Today = TimeZones.LocalDate(s.Zone, now),
            Seed = StableSeed(runKey),
            PodSize = s.PodSize,
            DefaultTimeZone = s.TimeZone,
            Rules = new PairingRules { RepeatWindowDays = RepeatWindowDays, History = history, Blocked = await boundaries.BlockedPairsAsync(workspaceId, people, ct) },
        };
        return RoundPlanner.Plan(new RoundInput(people, open, closed, options, now, requestedBy), scope);
    }

    public async Task<RoundOutcome> RunAsync(Guid workspaceId, string runKey, Urgency urgency, RoundScope scope, CancellationToken ct, string? requestedBy = null)
    {
        await using var work = await units.BeginAsync(ct);
        // One round at a time per workspace, on every instance: planning reads who is free, so two plans at once would pair people twice.
        // A full round finding one under way changes nothing; a follow-up or a mentor request waits its turn (they are short).
        if (!await work.LockAsync($"pairing-round:{workspaceId}", wait: scope != RoundScope.Full, ct))
        {
            LogAlreadyRunning(workspaceId, runKey);
            return new RoundOutcome(null, new RoundPlan([], []), AlreadyRan: false) { AlreadyRunning = true };
        }

        var now = clock.GetUtcNow();
        // Members whose last rounds passed in silence are paused (kindly) before this one plans, so it does not pair them again.
        IReadOnlyList<QuietMember> quiet = scope == RoundScope.Full ? await QuietMembers.FindAsync(work, workspaceId, now, ct) : [];
        var plan = await PlanAsync(workspaceId, scope, runKey, ct, requestedBy, quiet.Select(q => q.Id).ToHashSet());
        var s = await settings.GetAsync(workspaceId, ct);
        var byUser = (await members.ListAsync(workspaceId, ct)).ToDictionary(m => m.ExternalUserId, StringComparer.Ordinal);

        var roundId = Guid.CreateVersion7();
        if (await work.ExecuteAsync("""
            insert into pairing_rounds (id, workspace_id, run_key, ran_at, mentor_pairs, pods, left_out) values (@roundId, @workspaceId, @runKey, @now, @MentorPairs, @Pods, @leftOut)
            on conflict (workspace_id, run_key) do nothing
            """, new { roundId, workspaceId, runKey, now, plan.MentorPairs, plan.Pods, leftOut = scope == RoundScope.Full ? plan.LeftOut.Count : 0 }, ct) == 0)
        {
            LogAlreadyRan(workspaceId, runKey);
            return new RoundOutcome(null, plan, AlreadyRan: true);
        }

        var messages = new List<OutboxEntry>();
        foreach (var planned in plan.Pairings)
        {
            var people = planned.UserIds.Select(u => byUser[u]).ToList();
            var roles = planned.Kind == "mentor" ? new[] { "mentee", "mentor" } : [.. people.Select(_ => "peer")];
            var pairing = new Pairing(Guid.CreateVersion7(), workspaceId, planned.Kind, planned.Kind == "mentor" ? PairingStatus.Proposed : PairingStatus.Active, planned.Score, planned.Why, now,
                [.. people.Select((m, i) => new PairingMember(m.Id, m.ExternalUserId, m.Profile.Name, roles[i], m.Profile.TimeZone))]);
            var expires = planned.Kind == "mentor" ? now + ProposalLifetime : (DateTimeOffset?)null;
            await PairingStore.InsertAsync(work, roundId, pairing, expires, ct);
            messages.Add(planned.Kind == "mentor"
                ? new OutboxEntry($"round:{roundId:N}:propose:{pairing.Id:N}", [pairing.Mentor!.ExternalUserId], "mentor proposal", Introductions.ProposeToMentor(pairing, planned.WhyToMentor ?? planned.Why, expires!.Value, s.Zone), urgency)
                    { MemberId = pairing.Mentor.MemberId, PairingId = pairing.Id, TimeZones = [pairing.Mentor.TimeZone] }
                : new OutboxEntry($"round:{roundId:N}:intro:{pairing.Id:N}", pairing.UserIds, "introduction", Introductions.Introduce(pairing, [.. people.Select(p => p.Profile)], TimeZones.LocalDate(s.Zone, now), s.TimeZone, Meetings.VideoLink.For(s.VideoLink, pairing.Id)), urgency)
                    { PairingId = pairing.Id, TimeZones = [.. pairing.Members.Select(m => m.TimeZone)], Conversation = s.IntroChannel });
        }

        // The daily follow-up stays quiet about who is still waiting (they heard at the round); a request is answered by its command.
        if (scope == RoundScope.Full)
        {
            var next = ShowNext(s, now);
            foreach (var left in plan.LeftOut.Where(l => byUser.ContainsKey(l.UserId)))
            {
                var member = byUser[left.UserId];
                messages.Add(new OutboxEntry($"round:{roundId:N}:left-out:{member.Id:N}", [member.ExternalUserId], "left out", Introductions.LeftOut(left.Kind, left.Reason, next), urgency)
                    { MemberId = member.Id, TimeZones = [member.Profile.TimeZone] });
            }
        }

        if (quiet.Count > 0)
        {
            await QuietMembers.PauseAsync(work, [.. quiet.Select(q => q.Id)], now, ct);
            messages.AddRange(quiet.Select(q => new OutboxEntry($"round:{roundId:N}:quiet:{q.Id:N}", [q.ExternalUserId], "quiet pause", Introductions.QuietPause(), urgency)
                { MemberId = q.Id, TimeZones = [q.TimeZone] }));
            LogQuiet(workspaceId, quiet.Count);
        }

        if (scope == RoundScope.Full)
        {
            // Those who skipped this round are back for the next one, with the round itself.
            await work.ExecuteAsync("update members set skips_next_round = false where workspace_id = @workspaceId and skips_next_round", new { workspaceId }, ct);
        }

        await work.SendAsync(workspaceId, messages, ct);
        await work.CommitAsync(ct);
        LogRan(workspaceId, runKey, plan.MentorPairs, plan.Pods, plan.LeftOut.Count);
        return new RoundOutcome(roundId, plan, AlreadyRan: false);
    }

    private static string ShowNext(WorkspaceSettings s, DateTimeOffset now) =>
        RoundCalendar.Next(s.PairingSchedule, s.PairingEveryWeeks, s.PairingAnchor, s.Zone, s.Window.Breaks, now) is { } next
            ? TimeZoneInfo.ConvertTime(next, s.Zone).ToString("dddd d MMMM", System.Globalization.CultureInfo.InvariantCulture)
            : "the next one an admin runs";

    /// <summary>The same run key gives the same seed on every instance (string.GetHashCode differs per process).</summary>
    public static int StableSeed(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7fffffff);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pairing round {RunKey} in workspace {WorkspaceId} not started: another round is running there")]
    private partial void LogAlreadyRunning(Guid workspaceId, string runKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pairing round in workspace {WorkspaceId} paused {Count} quiet members (with a kind note and I'm back)")]
    private partial void LogQuiet(Guid workspaceId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pairing round {RunKey} in workspace {WorkspaceId} had already run: nothing to do")]
    private partial void LogAlreadyRan(Guid workspaceId, string runKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pairing round {RunKey} in workspace {WorkspaceId}: {MentorPairs} mentor proposals, {Pods} pods, {LeftOut} left out")]
    private partial void LogRan(Guid workspaceId, string runKey, int mentorPairs, int pods, int leftOut);
}
