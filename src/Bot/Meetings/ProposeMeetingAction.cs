using PeerBot.Bot.Commands;
using PeerBot.Matching.Scoring;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Meetings;
using PeerBot.Scheduler.Rounds;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Meetings;

/// <summary>
/// <em>Propose Tue 3:30 pm</em> under an introduction: posts the next occurrence of that shared slot (on the clicker's
/// clock) with its calendar invitation into the pair's or pod's conversation. Keyed by pairing and time, so a second
/// click — by anyone in the group — sends nothing twice.
/// </summary>
public sealed class ProposeMeetingAction(PairingStore pairings, WorkspaceSettingsStore settings, Outbox outbox, TimeProvider clock) : IActionHandler
{
    public string ActionId => ProposeButton.Action;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct)
    {
        if (!ProposeButton.TryRead(action.Value, out var pairingId, out var slotStart, out var minutes)
            || await pairings.FindAsync(pairingId, ct) is not { } pairing
            || pairing.WorkspaceId != action.Workspace.Id
            || pairing.Members.FirstOrDefault(m => m.ExternalUserId == action.Caller.UserId) is not { } proposer)
        {
            return Reply("That invitation button isn't for a pairing of yours, so I didn't send anything.");
        }

        if (pairing.Status != PairingStatus.Active)
        {
            return Reply($"This pairing has ended, so I didn't send an invitation for it. The next pairing round will bring you new colleagues — and `{action.Prefix}find <topic>` finds kindred spirits any time.");
        }

        var s = await settings.GetAsync(action.Workspace.Id, ct);
        TimeZoneInfo ZoneOf(PairingMember m) => TimeZones.FindOr(m.TimeZone, s.Zone);
        var now = clock.GetUtcNow();
        var start = SharedTimes.NextOccurrence(slotStart, ZoneOf(proposer), now);
        var entry = MeetingProposal.Build(pairing, proposer, start, minutes, ZoneOf, now, VideoLink.For(s.VideoLink, pairing.Id), s.IntroChannel);
        var when = MeetingProposal.When(start, minutes, ZoneOf(proposer));
        var group = pairing.Members.Count == 2 ? "your partner" : "your pod";
        return await outbox.EnqueueAsync(action.Workspace.Id, [entry], ct) > 0
            ? Reply($"Sent — {group} now has your invitation for {when} in your conversation, with a calendar file to add it.")
            : Reply($"That invitation ({when}) is already in your conversation, so I didn't send it twice.");
    }

    private static MessageReply Reply(string text) => new(ChatMessage.Plain(text));
}
