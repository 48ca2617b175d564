using PeerBot.Scheduler.Boundaries;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Thanks;

namespace PeerBot.Bot.Thanks;

/// <summary>
/// Passes one person's thanks to colleagues they were paired with: each thanks and its DM commit together in one unit of
/// work, keyed so a double click or a form sent twice records and sends one. A receiver who keeps the giver off their
/// never-pair list (or an evaluator relation between them) gets nothing, and the giver is answered exactly as usual.
/// </summary>
public sealed class ThanksDesk(UnitOfWorkSource units, BoundaryStore boundaries, TimeProvider clock)
{
    /// <param name="onceKey">Per receiver: what makes this thanks the same thanks if it comes again.</param>
    /// <returns>False when every one of them had already been recorded.</returns>
    public async Task<bool> SendAsync(Member giver, IReadOnlyList<Member> receivers, Guid? pairingId, string? note, bool forMeeting, Func<Member, string> onceKey, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var withheld = new HashSet<Guid>();
        foreach (var r in receivers)
        {
            if (await boundaries.IsBlockedAsync(giver.WorkspaceId, giver, r, ct))
            {
                withheld.Add(r.Id);
            }
        }

        await using var work = await units.BeginAsync(ct);
        var any = false;
        var messages = new List<OutboxEntry>();
        foreach (var r in receivers)
        {
            if (await ThanksStore.RecordAsync(work, giver.WorkspaceId, giver.Id, r.Id, pairingId, note, now, onceKey(r), withheld.Contains(r.Id), ct) is not { } id)
            {
                continue;
            }

            any = true;
            // A paused colleague gets nothing now; the thanks waits in their ripples.
            if (!withheld.Contains(r.Id) && !r.IsPausedAt(now))
            {
                messages.Add(new OutboxEntry($"thanks:{id:N}", [r.ExternalUserId], "thanks", ThanksMessages.Received(giver.Profile.Name, note, forMeeting), Urgency.Scheduled)
                {
                    MemberId = giver.Id,
                    TimeZones = [r.Profile.TimeZone],
                });
            }
        }

        await work.SendAsync(giver.WorkspaceId, messages, ct);
        await work.CommitAsync(ct);
        return any;
    }

    /// <summary>"Ben", "Ben and Cleo", "Ben, Cleo and Dev".</summary>
    public static string Names(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}",
    };
}
