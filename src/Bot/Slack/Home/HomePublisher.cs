using System.Text.Json.Nodes;
using PeerBot.Bot.Commands.Profiles;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Slack.Home;

/// <summary>
/// Publishes a person's Home tab (views.publish): a member's dashboard, or the welcome for someone who has not joined.
/// Run when they open the tab and again after a click on it changed something (Home has no response_url to update).
/// </summary>
public sealed class HomePublisher(MemberDirectory members, MemberDashboard dashboard, HomeWelcomes welcomes, SlackApiClient api, ISlackTokenSource tokens)
{
    public async Task PublishAsync(Workspace workspace, string userId, CancellationToken ct)
    {
        var member = await members.FindAsync(workspace.Id, userId, ct);
        var blocks = member is not null
            ? (await dashboard.BuildAsync(member, onHome: true, shared: false, "/peer ", ct)).Blocks
            : AppHomeView.ForNewcomer(await welcomes.FirstVisitAsync(workspace.Id, userId, ct));
        var token = await tokens.GetBotTokenAsync(workspace.ExternalId, ct);
        await api.CallAsync("views.publish", token, new JsonObject
        {
            ["user_id"] = userId,
            ["view"] = new JsonObject { ["type"] = "home", ["blocks"] = BlockKit.Blocks(blocks) },
        }, ct);
    }
}
