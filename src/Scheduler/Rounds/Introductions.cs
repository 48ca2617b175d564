using System.Globalization;
using PeerBot.Matching.Profiles;
using PeerBot.Matching.Scoring;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Meetings;

namespace PeerBot.Scheduler.Rounds;

/// <summary>What a round says: introductions to pairs and pods, proposals to mentors, and a kind word to anyone left out.</summary>
public static class Introductions
{
    public const string EndAction = "pairing.end";
    public const string AcceptAction = "mentor.accept";
    public const string DeclineAction = "mentor.decline";
    public const string BackAction = "member.back";

    /// <param name="week">A day of the week they will meet, to name the free times they share (none named when null).</param>
    /// <remarks>
    /// One message for the group (every zone's line, the zone named, when it spans several) and, for platforms that send
    /// each member a copy, each member's copy on their own clock only.
    /// </remarks>
    /// <param name="video">The workspace's video-call link for this pairing (<c>admin video</c>), if any.</param>
    public static ChatMessage Introduce(Pairing pairing, IReadOnlyList<TeacherProfile> profiles, DateOnly? week = null, string defaultTimeZone = "UTC", Uri? video = null)
    {
        var slots = week is { } w ? SharedTimes.Find(profiles, w, defaultTimeZone) : [];
        // Nothing shared: the closest times instead, so they know where to start.
        var lines = week is not { } d ? [] : slots.Count > 0 ? SharedTimes.DescribeByZone(profiles, d, defaultTimeZone) : NearMisses.DescribeByZone(profiles, d, defaultTimeZone);
        var zones = SharedTimes.ZonesOf(profiles, defaultTimeZone);
        var group = Render(pairing, profiles, slots, [.. lines.Select(l => l.InGroup)], zones.Count > 0 ? zones[0] : TimeZoneInfo.Utc, nameZone: zones.Count > 1, video);
        if (zones.Count <= 1)
        {
            return group;
        }

        var copies = new Dictionary<string, ChatMessage>(StringComparer.Ordinal);
        foreach (var person in profiles)
        {
            var zone = SharedTimes.Zone(person.TimeZone, defaultTimeZone);
            copies[person.Id] = Render(pairing, profiles, slots, [.. lines.Where(l => l.ZoneId == zone.Id).Select(l => l.Own)], zone, nameZone: false, video);
        }

        return group with { Copies = copies };
    }

    private static ChatMessage Render(Pairing pairing, IReadOnlyList<TeacherProfile> profiles, IReadOnlyList<SharedSlot> slots, IReadOnlyList<string> free, TimeZoneInfo buttonZone, bool nameZone, Uri? video)
    {
        var all = pairing.Members.Select(m => m.Name.Length > 0 ? m.Name : m.ExternalUserId).ToArray();
        var names = all.Length <= 2 ? string.Join(" and ", all) : $"{string.Join(", ", all[..^1])} and {all[^1]}";
        var headline = pairing.Kind == "mentor"
            ? $"👋 {pairing.Mentee?.Name} meet {pairing.Mentor?.Name}, your mentor for the next weeks."
            : $"👋 Meet your pack: {names}!";
        var starters = ConversationStarters.For(profiles);
        var list = string.Join("\n", starters.Select(s => "• " + s));
        var times = free.Count > 0 ? "🗓 " + string.Join("\n🗓 ", free) : null;
        var call = video is null ? null : $"🎥 Video call: {video.AbsoluteUri}";
        var text = $"{headline}\nWhy you: {pairing.Explanation}\n{(times is null ? "" : times + "\n")}{(call is null ? "" : call + "\n")}Three ways to start:\n{list}";
        // One button a row: Slack wants action ids unique within a row.
        var propose = slots.Take(ProposeButton.MaxButtons).Select(s => (MessageBlock)new ButtonsBlock([ProposeButton.For(pairing.Id, s, buttonZone, nameZone)]));
        return new ChatMessage(text,
        [
            new TextBlock($"**{headline}**"),
            new TextBlock($"_Why you:_ {pairing.Explanation}"),
            .. times is null ? Array.Empty<MessageBlock>() : [new TextBlock(times)],
            .. call is null ? Array.Empty<MessageBlock>() : [new TextBlock(call)],
            new TextBlock($"**Three ways to start:**\n{list}"),
            .. propose,
            new ButtonsBlock([new ChatButton("Not a good fit", EndAction, pairing.Id.ToString(), ButtonStyle.Danger)]),
            new NoteBlock(times is null ? "Pick a 20-minute slot this week — I'll check in on Thursday."
                : slots.Count == 0 ? "Find 20 minutes that work for everyone this week — one of you shifting a little may do it. I'll check in on Thursday."
                : "Pick 20 minutes of it this week — one tap on Propose sends everyone a calendar invitation. I'll check in on Thursday."),
        ]);
    }

    /// <param name="why">Why they fit, written to the mentor ("you have 6 more years in the classroom").</param>
    public static ChatMessage ProposeToMentor(Pairing pairing, string why, DateTimeOffset expiresAt, TimeZoneInfo zone)
    {
        var mentee = pairing.Mentee?.Name ?? "a colleague";
        var by = TimeZoneInfo.ConvertTime(expiresAt, zone).ToString("dddd d MMMM", CultureInfo.InvariantCulture);
        var text = $"Would you mentor {mentee}? {why} Please answer by {by}; \"not now\" is always fine.";
        return new ChatMessage(text,
        [
            new TextBlock($"**Would you mentor {mentee}?**"),
            new TextBlock(why),
            new ButtonsBlock(
            [
                new ChatButton("Yes, I'll mentor", AcceptAction, pairing.Id.ToString(), ButtonStyle.Primary),
                new ChatButton("Not now", DeclineAction, pairing.Id.ToString()),
            ]),
            new NoteBlock($"Please answer by {by}. \"Not now\" is always fine — {mentee} only hears once a mentor says yes."),
        ]);
    }

    /// <summary>To a member whose last rounds passed without meeting or a check-in: paused, no blame, one tap to come back.</summary>
    public static ChatMessage QuietPause()
    {
        const string Text = "The last few pairing rounds didn't find a good moment for you — that's completely fine, teaching is a lot. "
            + "I've paused your pairings and nudges so nothing piles up. Whenever you'd like colleagues again, one tap brings you back.";
        return new ChatMessage(Text,
        [
            new TextBlock(Text),
            new ButtonsBlock([new ChatButton("I'm back", BackAction, "", ButtonStyle.Primary)]),
        ]);
    }

    public static ChatMessage LeftOut(string kind, string reason, string nextRound) => ChatMessage.Plain(kind == "mentor"
        ? $"I looked hard for a mentor for you this round but couldn't find one who fits well ({reason}). You're at the front of the line for the next round ({nextRound}). Meanwhile, `/peer find <topic>` finds peers who teach what you teach."
        : $"This round I couldn't place you in a pod that fits well ({reason}). You're first in line next round ({nextRound}) — and `/peer find <topic>` finds kindred spirits any time.");
}
