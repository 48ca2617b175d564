using PeerBot.Bot.Commands.Profiles;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;

namespace PeerBot.Bot.Slack.Home;

/// <summary>What the App Home tab shows: a member's profile and actions, or a welcome and a Join button.</summary>
public static class AppHomeView
{
    public const string FindHint = "Type `/peer find <topic>` (or DM me `find <topic>`) to meet teachers who know it.";

    /// <param name="helped">Answers of theirs that someone marked "This helped": their ripples.</param>
    public static IReadOnlyList<MessageBlock> ForMember(Member member, DateTimeOffset now, int helped = 0)
    {
        var status = member.IsPausedAt(now)
            ? $"Paused until {member.PausedUntil:MMM d} — no pairings or nudges till then. DM me `resume` to come back early."
            : "Active — you are in the next pairing round.";
        return
        [
            new TextBlock($"*Hi {member.Profile.Name}!* Here is what PeerBot knows about you."),
            new FieldsBlock(ProfileText.Fields(member.Profile)),
            new NoteBlock(status),
            .. ProfileText.Ripples(helped) is { } ripples ? [new TextBlock(ripples)] : Array.Empty<MessageBlock>(),
            new DividerBlock(),
            new TextBlock(FindHint),
            new ButtonsBlock([new ChatButton("Edit profile", ProfileActions.Edit, "", ButtonStyle.Primary)]),
            new NoteBlock("Your mentor, mentees and pod appear here once you are paired."),
        ];
    }

    /// <param name="firstVisit">The full introduction shows once; later visits get the short invitation.</param>
    public static IReadOnlyList<MessageBlock> ForNewcomer(bool firstVisit) => firstVisit
        ?
        [
            new TextBlock("*Welcome to PeerBot* :wave:"),
            new TextBlock("PeerBot helps teachers find their people: peers who teach what you teach, a mentor if you want one, and a gentle nudge so you actually meet."),
            new TextBlock("It takes a minute: tell PeerBot what and where you teach. PeerBot never messages you until you join, and `leave` erases everything."),
            new ButtonsBlock([new ChatButton("Join PeerBot", ProfileActions.Edit, "", ButtonStyle.Primary)]),
        ]
        :
        [
            new TextBlock("Ready to find your people? Join whenever you like."),
            new ButtonsBlock([new ChatButton("Join PeerBot", ProfileActions.Edit, "", ButtonStyle.Primary)]),
        ];
}
