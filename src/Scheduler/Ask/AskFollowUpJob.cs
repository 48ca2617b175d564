using Hangfire;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Scheduler.Ask;

/// <summary>
/// A question nobody claimed, one school day after each step: the next best 5 peers; then the peer-support channel
/// (when the workspace has one); then the asker hears it kindly, with <c>find</c>. Runs once per step (the step
/// number moves in the same transaction), and does nothing once someone claimed it, it closed, or it was reported.
/// </summary>
public sealed class AskFollowUpJob(UnitOfWorkSource units, AskRouter router, MemberDirectory members)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(Guid questionId, int stage, CancellationToken ct)
    {
        await using var work = await units.BeginAsync(ct);
        var q = await AskStore.LockAsync(work, questionId, ct);
        if (q is not { IsOpen: true } || q.Stage != stage || await AskStore.ClaimsAsync(work, questionId, ct) > 0
            || await AskStore.AskerUserIdAsync(work, questionId, ct) is not { } askerId
            || await members.FindAsync(q.WorkspaceId, askerId, ct) is not { } asker
            || !await AskStore.AdvanceAsync(work, questionId, stage, ct))
        {
            return;
        }

        switch (stage + 1)
        {
            case 2:
                await router.RouteAsync(work, q, asker, 2, ct);
                await router.ScheduleNextStepAsync(work, q.WorkspaceId, q.Id, 2, ct);
                break;
            case 3:
                if (await AskChannels.FindAsync(work, q.WorkspaceId, ct) is { } channel)
                {
                    await work.SendAsync(q.WorkspaceId,
                        [new OutboxEntry($"{AskStore.DeliveryKeyPrefix(q.Id)}channel", [], "ask channel", AskMessages.Offer(q, inChannel: true), Urgency.Now) { Conversation = channel }], ct);
                }

                await router.ScheduleNextStepAsync(work, q.WorkspaceId, q.Id, 3, ct);
                break;
            default:
                await work.SendAsync(q.WorkspaceId,
                    [new OutboxEntry($"{AskStore.DeliveryKeyPrefix(q.Id)}unanswered", [askerId], "ask unanswered", AskMessages.Unanswered(q), Urgency.Scheduled) { TimeZones = [asker.Profile.TimeZone] }], ct);
                break;
        }

        await work.CommitAsync(ct);
    }
}
