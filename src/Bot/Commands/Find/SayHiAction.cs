using PeerBot.Scheduler.Boundaries;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Bot.Commands.Find;

/// <summary>
/// The "say hi" button under a find result: opens a conversation between the two people with a one-line
/// introduction, through the outbox (keyed per pair and day, so a double click never sends twice).
/// </summary>
public sealed class SayHiAction(MemberDirectory members, BoundaryStore boundaries, UnitOfWorkSource units, TimeProvider clock) : IActionHandler
{
    public const string Id = "find.sayhi";

    public string ActionId => Id;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct)
    {
        var me = await members.FindAsync(action.Workspace.Id, action.Caller.UserId, ct);
        var peer = await members.FindAsync(action.Workspace.Id, action.Value, ct);
        if (me is null || peer is null || peer.IsPausedAt(clock.GetUtcNow()) || await boundaries.IsBlockedAsync(action.Workspace.Id, me, peer, ct))
        {
            // Never contact someone who has not joined (or has left, or is taking a break, or must never be introduced to
            // this person): one answer for all, so it hints at nothing.
            return new MessageReply(ChatMessage.Plain("That colleague isn't available on PeerBot right now. Try another one from the list, or search again."));
        }

        var shared = me.Profile.Subjects.Intersect(peer.Profile.Subjects, StringComparer.Ordinal).ToArray();
        var why = shared.Length > 0 ? $"you both teach {string.Join(" and ", shared)}" : "you have things in common";
        var intro = $"👋 {me.Profile.Name} found {peer.Profile.Name} through PeerBot's find — {why}. Say hello and compare notes!";
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var pair = string.Join(':', new[] { me.ExternalUserId, peer.ExternalUserId }.Order(StringComparer.Ordinal));
        await using var work = await units.BeginAsync(ct);
        await work.SendAsync(action.Workspace.Id,
        [
            new OutboxEntry($"sayhi:{pair}:{day}", [me.ExternalUserId, peer.ExternalUserId], "say-hi", new ChatMessage(intro, [new TextBlock(intro)]), Urgency.Now)
            {
                MemberId = me.Id,
                TimeZones = [me.Profile.TimeZone, peer.Profile.TimeZone],
            },
        ], ct);
        await work.CommitAsync(ct);
        return new MessageReply(ChatMessage.Plain($"Done — I've opened a chat between you and {peer.Profile.Name} with a short introduction."));
    }
}
