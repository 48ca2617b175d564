using System.Globalization;
using PeerBot.Bot.Rounds;
using PeerBot.Scheduler.Ask;
using PeerBot.Scheduler.Boundaries;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Rounds;
using PeerBot.Scheduler.Schedules;
using PeerBot.Scheduler.Thanks;

namespace PeerBot.Bot.Commands.Profiles;

/// <summary>
/// A member's dashboard, the same on Slack's Home tab and in <c>profile</c> on both platforms (Teams has no Home tab):
/// profile and status with skip/pause/resume, my pairings with where each stands and the next check-in, my ripples
/// (colleagues met, thanks received with their notes, answers that helped), and my never-pair list with remove buttons.
/// </summary>
public sealed class MemberDashboard(PairingStore pairings, ThanksStore thanks, AskStore asks, BoundaryStore boundaries, MemberDirectory members, WorkspaceSettingsStore settings, TimeProvider clock)
{
    public const string SkipAction = "home.skip", NeverRemoveAction = "never.remove";

    /// <summary>A message carries at most six buttons on Teams: edit, skip, pause/resume, and up to three never-list removals.</summary>
    private const int RemoveButtonsInAMessage = 3, RemoveButtonsOnHome = 15;

    /// <param name="onHome">Slack's Home tab (a view: more room), rather than a reply.</param>
    /// <param name="shared">The reply is seen by a whole channel (Teams): nothing private is shown.</param>
    public async Task<ChatMessage> BuildAsync(Member member, bool onHome, bool shared, string prefix, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var s = await settings.GetAsync(member.WorkspaceId, ct);
        var paused = member.IsPausedAt(now);
        var status = paused
            ? $"Paused until {TimeZoneInfo.ConvertTime(member.PausedUntil!.Value, s.Zone):ddd d MMM}: no nudges or pairings until then. `{prefix}resume` to come back sooner."
            : member.SkipsNextRound
                ? $"Sitting out the next pairing round only; back in after it. `{prefix}skip` again to undo."
                : "Active: you'll be included in the next pairing round.";
        var blocks = new List<MessageBlock>
        {
            new TextBlock(onHome ? $"**Hi {member.Profile.Name}!** Here is what PeerBot knows about you." : "**Your PeerBot profile**"),
            new FieldsBlock(ProfileText.Fields(member.Profile)),
            new TextBlock(status),
            new ButtonsBlock(
            [
                new ChatButton("Edit profile", ProfileActions.Edit, Style: ButtonStyle.Primary),
                .. paused ? Array.Empty<ChatButton>() : [member.SkipsNextRound
                    ? new ChatButton("Back in the next round", SkipAction, "back", Description: "Undo the skip: be in the next pairing round")
                    : new ChatButton("Skip the next round", SkipAction, "skip", Description: "Skip the next pairing round only")],
                paused
                    ? new ChatButton("Resume", Introductions.BackAction, Description: "End the pause now and be in the next pairing round")
                    : new ChatButton("Pause…", RoundHeadsUp.PauseAction, Description: "Pause pairing and nudges for a while: choose how long"),
            ]),
        };

        if (shared)
        {
            blocks.Add(new NoteBlock("Your pairings, thanks and never-pair list show only in your 1:1 chat with PeerBot."));
        }
        else
        {
            blocks.Add(new DividerBlock());
            blocks.AddRange(await PairingsAsync(member, s, paused, now, ct));
            blocks.Add(new DividerBlock());
            blocks.AddRange(await RipplesAsync(member, s, ct));
            blocks.Add(new DividerBlock());
            blocks.AddRange(await NeverListAsync(member, onHome ? RemoveButtonsOnHome : RemoveButtonsInAMessage, prefix, ct));
        }

        if (onHome)
        {
            blocks.Add(new TextBlock(HomeFindHint));
        }

        blocks.Add(new NoteBlock($"Only people you're paired with see your profile. `{prefix}leave` erases it."));
        blocks.Add(new NoteBlock($"PeerBot never pairs you with someone who evaluates you (your admins record who evaluates whom), and never with anyone on your private `{prefix}never` list."));
        return new ChatMessage(onHome ? $"Hi {member.Profile.Name}! {status}" : $"Your profile. {status}", blocks);
    }

    public const string HomeFindHint = "Type `/peer find <topic>` (or DM me `find <topic>`) to meet teachers who know it.";

    private async Task<IReadOnlyList<MessageBlock>> PairingsAsync(Member member, WorkspaceSettings s, bool paused, DateTimeOffset now, CancellationToken ct)
    {
        var mine = (await pairings.ListAsync(member.WorkspaceId, [PairingStatus.Proposed, PairingStatus.Active], ct))
            .Where(p => p.Members.Any(m => m.MemberId == member.Id)).ToList();
        if (mine.Count == 0)
        {
            var next = RoundCalendar.Next(s.PairingSchedule, s.PairingEveryWeeks, s.PairingAnchor, s.Zone, s.Window.Breaks, now);
            return [new TextBlock("**Your pairings**"), new TextBlock(next is { } n
                ? $"None yet — the next pairing round ({TimeZoneInfo.ConvertTime(n, s.Zone).ToString("dddd d MMMM", CultureInfo.InvariantCulture)}) will find you one."
                : "None yet — the next pairing round will find you one.")];
        }

        var progress = await thanks.ProgressAsync([.. mine.Select(p => p.Id)], ct);
        var lines = mine.Select(p =>
        {
            var others = p.Members.Where(m => m.MemberId != member.Id).ToList();
            var names = string.Join(" and ", others.Select(o => o.Name));
            var who = p.Kind == "pod" ? $"Pod with {names}"
                : p.Mentee?.MemberId == member.Id ? $"Your mentor {names}" : $"Your mentee {names}";
            var state = p.Status == PairingStatus.Proposed ? "proposed — waiting for the mentor's yes"
                : progress.TryGetValue(p.Id, out var x) && x.LastMet is { } met ? $"met ✅ (last: week of {met:d MMM})"
                : progress.ContainsKey(p.Id) ? "not yet"
                : "introduced";
            return $"• {who} — {state}";
        });
        var checkIn = RoundCalendar.Next(s.CheckInSchedule, 1, s.PairingAnchor, s.Zone, s.Window.Breaks, now);
        var nextLine = paused ? "No check-ins while you're paused."
            : checkIn is { } c ? $"Next check-in: {TimeZoneInfo.ConvertTime(c, s.Zone).ToString("dddd d MMMM", CultureInfo.InvariantCulture)}."
            : "No check-in is scheduled right now.";
        return [new TextBlock("**Your pairings**"), new TextBlock(string.Join("\n", lines)), new NoteBlock(nextLine)];
    }

    private async Task<IReadOnlyList<MessageBlock>> RipplesAsync(Member member, WorkspaceSettings s, CancellationToken ct)
    {
        var ripples = await thanks.RipplesAsync(member.Id, ct);
        var blocks = new List<MessageBlock> { new TextBlock(ProfileText.Ripples(ripples.ColleaguesMet, ripples.ThanksReceived, await asks.HelpedCountAsync(member.Id, ct))) };
        if (ripples.Recent.Count > 0)
        {
            blocks.Add(new TextBlock(string.Join("\n", ripples.Recent.Select(t =>
                $"• **{t.GiverName}**, {TimeZoneInfo.ConvertTime(t.GivenAt, s.Zone):d MMM}{(t.Note is { } note ? ": " + ThanksMessages.Quote(note) : "")}"))));
        }

        return blocks;
    }

    private async Task<IReadOnlyList<MessageBlock>> NeverListAsync(Member member, int maxButtons, string prefix, CancellationToken ct)
    {
        var list = await boundaries.NeverListAsync(member.WorkspaceId, member.ExternalUserId, ct);
        if (list.Count == 0)
        {
            return [new TextBlock($"**Your never-pair list** is empty. `{prefix}never @name` adds someone — only you will ever see it.")];
        }

        var people = new List<(string Id, string Name)>();
        foreach (var id in list)
        {
            var other = await members.FindAsync(member.WorkspaceId, id, ct);
            people.Add((id, other is { Profile.Name.Length: > 0 } ? other.Profile.Name : Commands.UserMention.Of(id)));
        }

        var blocks = new List<MessageBlock>
        {
            new TextBlock($"**Your never-pair list** (only you can see it): {string.Join(", ", people.Select(p => p.Name))}."),
        };
        // One row per person: a button's action must be unique within its row.
        blocks.AddRange(people.Take(maxButtons).Select(p => (MessageBlock)new ButtonsBlock(
            [new ChatButton($"Take {Short(p.Name)} off", NeverRemoveAction, p.Id, Description: $"Take {Short(p.Name)} off your never-pair list")])));
        if (people.Count > maxButtons)
        {
            blocks.Add(new NoteBlock($"`{prefix}never remove @name` takes anyone off."));
        }

        return blocks;
    }

    /// <summary>A name that fits a button (Slack shows 75 characters).</summary>
    private static string Short(string name) => name.Length <= 40 ? name : name[..39] + "…";
}
