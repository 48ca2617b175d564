using PeerBot.Bot.Commands.Profiles;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Slack.Home;

/// <summary>What the App Home tab shows someone who has not joined: a welcome and a Join button (members see their <see cref="MemberDashboard"/>).</summary>
public static class AppHomeView
{
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
