using PeerBot.Bot.Rounds;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Commands.Profiles;

/// <summary><em>Skip the next round</em> / <em>Back in the next round</em> on the dashboard (Home tab, profile): sets what the button says, so a second click changes nothing.</summary>
public sealed class DashboardSkipAction(MemberDirectory members, WorkspaceSettingsStore settings, TimeProvider clock) : IActionHandler
{
    public string ActionId => MemberDashboard.SkipAction;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct)
    {
        var skip = action.Value != "back";
        return await members.SetSkipNextRoundAsync(action.Workspace.Id, action.Caller.UserId, skip, ct) is null
            ? new MessageReply(ProfileCommand.NotJoined(action.Prefix))
            : new MessageReply(SkipCommand.Answer(skip, await SkipCommand.NextRoundAsync(settings, clock, action.Workspace.Id, ct), action.Prefix));
    }
}
